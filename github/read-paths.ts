import type { GitContext } from "./github-snapshot.js";

/** A file as one query found it: its text, blob id and mode; null when the path holds no file. */
export type PathFile = { text: string; sha: string; mode: string } | null;

export interface PathRead {
  commit: string;
  tree: string;
  /** The first parent (undefined for a root commit). */
  parent: string | undefined;
  files: Map<string, PathFile>;
  /** The names of the files in each folder of the paths read (empty: no such folder). */
  dirs: Map<string, Set<string>>;
}

/** The folder of a repository path ("" for the root). */
export function dirOf(path: string): string {
  return path.includes("/") ? path.slice(0, path.lastIndexOf("/")) : "";
}

interface Entry {
  mode: number;
  object: { oid?: string; text?: string | null; isBinary?: boolean; isTruncated?: boolean } | null;
}
type Target =
  | ({ oid: string; tree: { oid: string }; parents: { nodes: { oid: string }[] } } & Record<string, unknown>)
  | null;

/**
 * One GraphQL query for a commit (named by a branch, or by its id), its tree and the files at
 * `paths` in it: what the REST API needs a ref, a recursive tree and a blob per file for, and all of
 * one commit. Undefined when the branch or commit does not exist. A blob GraphQL gives no text for
 * (binary, or truncated because large) is read through the blob cache instead.
 * https://docs.github.com/graphql/reference/objects#commit
 */
export async function readPaths(
  git: GitContext,
  at: { branch: string } | { commit: string },
  paths: readonly string[],
): Promise<PathRead | undefined> {
  const unique = [...new Set(paths)];
  // The folders too (names only): a sibling read next, often a file not written yet, needs no request.
  const folders = [...new Set(unique.map(dirOf))].filter((d) => d !== "");
  const vars = [
    ...unique.map((_, i) => `$p${i}: String!`),
    ...folders.map((_, i) => `$d${i}: String!`),
  ].join(", ");
  const fields = [
    ...unique.map((_, i) => `f${i}: file(path: $p${i}) { ...F }`),
    ...folders.map((_, i) => `d${i}: file(path: $d${i}) { object { ... on Tree { entries { name type } } } }`),
  ].join(" ");
  const byBranch = "branch" in at;
  const root = byBranch ? "ref(qualifiedName: $at) { target { ...C } }" : "object(oid: $at) { ...C }";
  const query =
    `query ($owner: String!, $name: String!, $at: ${byBranch ? "String!" : "GitObjectID!"}${vars ? `, ${vars}` : ""}) ` +
    `{ repository(owner: $owner, name: $name) { ${root} } } ` +
    `fragment C on Commit { oid tree { oid } parents(first: 1) { nodes { oid } } ${fields} }` +
    (unique.length ? " fragment F on TreeEntry { mode object { ... on Blob { oid text isBinary isTruncated } } }" : "");
  const variables: Record<string, string> = {
    owner: git.at.owner,
    name: git.at.repo,
    at: byBranch ? (at.branch.startsWith("refs/") ? at.branch : `refs/heads/${at.branch}`) : at.commit,
  };
  unique.forEach((path, i) => (variables[`p${i}`] = path));
  folders.forEach((dir, i) => (variables[`d${i}`] = dir));
  const data = await git.client.graphql<{
    repository: { ref?: { target: Target } | null; object?: Target } | null;
  }>(query, variables);
  const target = byBranch ? data.repository?.ref?.target : data.repository?.object;
  if (!target?.oid || !target.tree) return undefined;
  const files = new Map<string, PathFile>();
  await Promise.all(
    unique.map(async (path, i) => {
      const entry = target[`f${i}`] as Entry | null;
      const blob = entry?.object;
      if (!entry || !blob?.oid) return files.set(path, null);
      const whole = typeof blob.text === "string" && !blob.isTruncated && !blob.isBinary;
      const text = whole ? git.blobs.known(blob.oid, blob.text as string) : await git.blobs.text(blob.oid);
      files.set(path, { text, sha: blob.oid, mode: entry.mode.toString(8).padStart(6, "0") });
    }),
  );
  const dirs = new Map<string, Set<string>>();
  folders.forEach((dir, i) => {
    const listing = target[`d${i}`] as { object?: { entries?: { name: string; type: string }[] } } | null;
    dirs.set(dir, new Set((listing?.object?.entries ?? []).filter((e) => e.type === "blob").map((e) => e.name)));
  });
  return { commit: target.oid, tree: target.tree.oid, parent: target.parents?.nodes[0]?.oid, files, dirs };
}
