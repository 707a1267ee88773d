import { mkdirSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PathRefused, confinePath } from "../../local/confine-path.js";
import { makeRepo, tempDir } from "./git-fixture.js";

const repo = makeRepo();
repo.write("docs/a.md", "a");
const outside = tempDir("phasegate-outside-");
symlinkSync(outside, join(repo.root, "escape"));
symlinkSync("docs", join(repo.root, "inside"));
symlinkSync(".git", join(repo.root, "gitlink"));
symlinkSync(join(outside, "not-there", "x"), join(repo.root, "dangling"));
mkdirSync(join(repo.root, "sub"));

describe("confinePath", () => {
  it.each([
    ["docs/a.md", "docs/a.md"],
    ["./docs//a.md", "docs/a.md"],
    ["new/folder/file.txt", "new/folder/file.txt"],
    ["inside/a.md", "inside/a.md"],
    ["sub/", "sub"],
    [".gitignore", ".gitignore"],
    [".github/workflows/ci.yml", ".github/workflows/ci.yml"],
  ])("accepts %j as %j", async (path, relative) => {
    const confined = await confinePath(repo.root, path);
    expect(confined.relative).toBe(relative);
    expect(confined.absolute).toBe(join(repo.root, relative));
  });

  it("accepts the root only when asked", async () => {
    await expect(confinePath(repo.root, ".", { allowRoot: true })).resolves.toEqual({
      relative: "",
      absolute: repo.root,
    });
    await expect(confinePath(repo.root, "", { allowRoot: true })).resolves.toEqual({
      relative: "",
      absolute: repo.root,
    });
    await expect(confinePath(repo.root, ".")).rejects.toThrow(PathRefused);
  });

  it.each([
    ["/etc/passwd", /absolute/],
    ["C:\\Windows\\win.ini", /backslash|absolute/],
    ["C:/Windows/win.ini", /absolute/],
    ["..", /`\.\.`/],
    ["../outside.txt", /`\.\.`/],
    ["docs/../../outside.txt", /`\.\.`/],
    ["docs/../a.md", /`\.\.`/],
    ["docs\\a.md", /backslash/],
    [".git/config", /\.git/],
    [".GIT/HEAD", /\.git/],
    ["sub/.git/hooks/pre-commit", /\.git/],
    ["bad\0name", /NUL/],
    ["escape/secret.txt", /outside the repository/],
    ["escape", /outside the repository/],
    ["gitlink/config", /\.git/],
    ["dangling", /symlink/],
    ["dangling/deeper/file", /symlink/],
  ])("refuses %j", async (path, reason) => {
    const refusal = confinePath(repo.root, path);
    await expect(refusal).rejects.toThrow(PathRefused);
    await expect(refusal).rejects.toThrow(reason);
    await expect(refusal).rejects.toThrow(JSON.stringify(path));
  });
});
