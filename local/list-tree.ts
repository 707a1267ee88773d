import { runGit } from "./git.js";

/**
 * The regular files (mode 100644 or 100755) directly in folder `prefix` (`""`: the top, else ending
 * in `/`) of commit or tree `ref`, sorted; symlinks (mode 120000) are left out, as in the working
 * tree listing. Throws git's error for an unknown ref.
 */
export async function listTree(root: string, ref: string, prefix: string): Promise<string[]> {
  const out = await runGit(root, ["ls-tree", "-z", "--end-of-options", ref, ...(prefix === "" ? [] : ["--", prefix])]);
  // `<mode> <type> <oid>\t<path>`
  const blobs = out.split("\0").filter((entry) => /^(100644|100755) blob /.test(entry));
  return blobs.map((entry) => entry.slice(entry.indexOf("\t") + 1)).sort();
}
