import { describe, expect, it } from "vitest";
import { LocalForge } from "../../local/local-forge.js";
import { makeRepo, tempDir } from "./git-fixture.js";

describe("LocalForge people", () => {
  const forge = new LocalForge({ root: tempDir() });
  it("grants admin (whoever runs the CLI can edit the files) and cannot know teams", async () => {
    expect(await forge.getPermission("anyone")).toBe("admin");
    expect(await forge.isTeamMember("@acme/security", "anyone")).toBeUndefined();
  });
});

describe("LocalForge.findConflicts", () => {
  it("finds unmerged paths and files with conflict markers, and nothing else", async () => {
    const repo = makeRepo();
    repo.write("shared.txt", "base\n");
    repo.write("guide.md", "Heading\n=======\n\n<<<<<<< only one kind of marker is not a conflict\n");
    repo.commitAll();
    const forge = new LocalForge({ root: repo.root });
    expect(await forge.findConflicts("main")).toEqual({ items: [], summary: "no merge conflicts" });

    repo.git("switch", "--quiet", "-c", "milestone/x");
    repo.write("shared.txt", "milestone\n");
    repo.commitAll();
    repo.git("switch", "--quiet", "main");
    repo.write("shared.txt", "main\n");
    repo.write("stale dir/left over.ts", "a\n<<<<<<< HEAD\nb\n=======\nc\n>>>>>>> other\n");
    repo.commitAll();
    expect(() => repo.git("merge", "--quiet", "milestone/x")).toThrow();

    expect(await forge.findConflicts("milestone/x")).toEqual({
      items: ["shared.txt", "stale dir/left over.ts"],
      summary: "2 files have merge conflicts: shared.txt, stale dir/left over.ts",
    });
  });
});
