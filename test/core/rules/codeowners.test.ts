import { describe, expect, it } from "vitest";
import { ownersOf, parseCodeowners } from "../../../core/rules/codeowners.js";

const FILE = `# owners
*                 @acme/everyone
*.md              @docs-lead
/docs/            @acme/docs
docs/internal/*   @acme/secret     # only the folder's own files
**/specs/**       @spec-owner
/build/logs/      @ops me@example.com
apps/             @apps-team
/unowned.md
`;

describe("CODEOWNERS", () => {
  const rules = parseCodeowners(FILE);
  it.each<[string, string[] | undefined]>([
    ["src/index.ts", ["@acme/everyone"]],
    ["README.md", ["docs-lead"]],
    ["docs/guide.ts", ["@acme/docs"]],
    ["docs/guide.md", ["@acme/docs"]], // the later line wins over `*.md`
    ["docs/internal/a.md", ["@acme/secret"]],
    ["docs/internal/deep/a.md", ["@acme/docs"]], // `dir/*` does not reach sub-folders
    [".kiro/specs/token/design.md", ["spec-owner"]],
    ["build/logs/x.log", ["ops"]], // emails cannot be mapped to logins
    ["x/apps/y.ts", ["apps-team"]], // unanchored folders match at any depth
    ["unowned.md", []], // a later line without owners takes ownership away
    ["sub/unowned.md", ["docs-lead"]],
  ])("%s", (path, owners) => {
    expect(ownersOf(rules, path)).toEqual(owners);
  });

  it("no line, no owners", () => {
    expect(ownersOf(parseCodeowners("/docs/ @a\n"), "src/x.ts")).toBeUndefined();
  });
});
