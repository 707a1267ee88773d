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
              group: ["**/cli/*", "**/app/*", "**/action/*", "**/local/*", "**/github/*"],
              message: "core/ never imports an adapter or a shell.",
            },
          ],
        },
      ],
    },
  },
  ...boundaries(),
);

/**
 * The layers (docs/architecture.md): adapters never import shells, shells never import each other,
 * and shells reach the core only through core/index.ts. local/ may take leaf modules of the core
 * (its adapters load on their own in child processes, without evaluating the whole core).
 */
function boundaries() {
  const deepCore = { group: ["**/core/*/**", "!**/core/index.js"], message: "import the core through core/index.js." };
  const rule = (files, forbidden, message, extra = []) => ({
    files,
    rules: { "no-restricted-imports": ["error", { patterns: [{ group: forbidden, message }, ...extra] }] },
  });
  return [
    rule(
      ["local/**/*.ts", "github/**/*.ts"],
      ["**/cli/*", "**/action/*", "**/app/*"],
      "adapters never import a shell.",
    ),
    rule(["cli/**/*.ts"], ["**/action/*", "**/app/*"], "shells never import each other.", [deepCore]),
    rule(["action/**/*.ts"], ["**/cli/*", "**/app/*"], "shells never import each other.", [deepCore]),
    rule(
      ["app/**/*.ts"],
      ["**/cli/*", "**/action/*", "**/local/*"],
      "the App reaches GitHub only (app → github → core).",
      [deepCore],
    ),
  ];
}
