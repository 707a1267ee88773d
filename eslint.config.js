import js from "@eslint/js";
import tseslint from "typescript-eslint";
import globals from "globals";

export default tseslint.config(
  { ignores: ["dist/**", "node_modules/**", "coverage/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  { files: ["**/*.js", "**/*.mjs"], languageOptions: { globals: globals.node } },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/no-explicit-any": "off",
    },
  },
  {
    // The core is pure: it must not reach for the process, Probot or the Actions toolkit.
    files: ["core/**/*.ts"],
    rules: {
      "no-restricted-globals": ["error", { name: "process", message: "core/ is pure: pass values in through ports." }],
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["probot", "@actions/*", "@octokit/*"], message: "core/ knows no shell libraries." },
            {
              group: ["node:fs*", "node:child_process", "fs", "child_process", "node:os"],
              message: "core/ does I/O only through ports.",
            },
            {
              group: ["../../cli/*", "../cli/*", "../../app/*", "../../action/*"],
              message: "core/ never imports a shell.",
            },
          ],
        },
      ],
    },
  },
  {
    // local/ holds adapters over a working tree and git, shared by the shells that run in a checkout.
    files: ["cli/**/*.ts", "local/**/*.ts", "action/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["**/cli/*", "**/action/*", "**/app/*"],
              message: "shells never import each other; share code through core/ or local/.",
            },
          ],
        },
      ],
    },
  },
);
