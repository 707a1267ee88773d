import { runGit } from "./git.js";

/**
 * The commits of `tip`'s history that changed `relative`, oldest first, parents rewritten to the
 * nearest commits that changed it too, with the file's blob id in each. `--full-history
 * --simplify-merges` keeps a merge whose result equals one side (the default simplification would
 * drop the other side, and with it the check that its events survived).
 */
export async function fileHistory(
  root: string,
  tip: string,
  relative: string,
): Promise<{ commit: string; parents: string[]; blob?: string }[]> {
  const out = await runGit(root, [
    ...["rev-list", "--full-history", "--simplify-merges", "--parents", "--topo-order", "--reverse"],
    ...["--end-of-options", tip, "--", relative],
  ]);
  const commits = out
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => {
      const [sha, ...parents] = line.trim().split(" ");
      return { commit: sha as string, parents };
    });
  if (commits.length === 0 || relative.includes("\n")) return commits;
  // The file's blob in every version, from one `cat-file --batch-check` (ids only, no contents).
  const ids = await runGit(root, ["cat-file", "--batch-check=%(objectname) %(objecttype)"], {
    input: commits.map((c) => `${c.commit}:${relative}\n`).join(""),
  });
  const lines = ids.split("\n");
  return commits.map((c, i) => {
    const [id, type] = (lines[i] ?? "").split(" ");
    return type === "blob" ? { ...c, blob: id as string } : c;
  });
}
