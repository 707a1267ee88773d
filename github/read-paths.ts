import type { GitContext } from "./github-snapshot.js";
import { ACTOR_FIELD } from "./actor-permission.js";
import { anchorFields, readAnchors, type AnchorRead } from "./anchor-fields.js";

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
  /** The anchors asked for (ADR 19), by milestone: undefined when the milestone has none. */
  anchors: Map<string, AnchorRead | undefined>;
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
  ({ oid: string; tree: { oid: string }; parents: { nodes: { oid: string }[] } } & Record<string, unknown>) | null;

/** A commit to read, named by a branch or by its id, and the paths to read in it. */
export interface ReadTarget {
  at: { branch: string } | { commit: string };
  paths: readonly string[];
  /** Milestones whose anchor ref (and the log's blob in the anchored commit) to read in the same query. */
  anchors?: readonly { milestone: string; log: string }[];
}

/**
 * One GraphQL query for a commit (named by a branch, or by its id), its tree and the files at
 * `paths` in it: what the REST API needs a ref, a recursive tree and a blob per file for, and all of
 * one commit. Undefined when the branch or commit does not exist. A blob GraphQL gives no text for
 * (binary, or truncated because large) is read through the blob cache instead.
 * https://docs.github.com/graphql/reference/objects#commit
 */
export async function readPaths(
  git: GitContext,
  at: ReadTarget["at"],
  paths: readonly string[],
  anchors?: ReadTarget["anchors"],
): Promise<PathRead | undefined> {
  return (await readCommits(git, [{ at, paths, ...(anchors && { anchors }) }]))[0];
}

/** Several commits' files in ONE query (the default branch's plan and the milestone branch's log). */
export async function readCommits(git: GitContext, targets: readonly ReadTarget[]): Promise<(PathRead | undefined)[]> {
  const variables: Record<string, string> = { owner: git.at.owner, name: git.at.repo };
  const declared: string[] = ["$owner: String!", "$name: String!"];
  const roots: string[] = [];
  const fragments: string[] = [];
  // The anchors before the branches: Phasegate moves an anchor only after its branch, so where GitHub
  // resolves the fields in order, an honest race never shows an anchor ahead of the branch read with it.
  targets.forEach((t, k) => roots.push(...anchorFields(k, t.anchors ?? [], declared, variables)));
  const plans = targets.map((t, k) => {
    const unique = [...new Set(t.paths)];
    // The folders too (names only): a sibling read next, often a file not written yet, needs no request.
    const folders = [...new Set(unique.map(dirOf))].filter((d) => d !== "");
    const byBranch = "branch" in t.at;
    declared.push(`$t${k}: ${byBranch ? "String!" : "GitObjectID!"}`);
    variables[`t${k}`] =
      "branch" in t.at ? (t.at.branch.startsWith("refs/") ? t.at.branch : `refs/heads/${t.at.branch}`) : t.at.commit;
    unique.forEach((path, i) => {
      declared.push(`$t${k}p${i}: String!`);
      variables[`t${k}p${i}`] = path;
    });
    folders.forEach((dir, i) => {
      declared.push(`$t${k}d${i}: String!`);
      variables[`t${k}d${i}`] = dir;
    });
    const fields = [
      ...unique.map((_, i) => `f${i}: file(path: $t${k}p${i}) { ...F }`),
      ...folders.map((_, i) => `d${i}: file(path: $t${k}d${i}) { object { ... on Tree { entries { name type } } } }`),
    ].join(" ");
    roots.push(
      byBranch
        ? `t${k}: ref(qualifiedName: $t${k}) { target { ...C${k} } }`
        : `t${k}: object(oid: $t${k}) { ...C${k} }`,
    );
    fragments.push(`fragment C${k} on Commit { oid tree { oid } parents(first: 1) { nodes { oid } } ${fields} }`);
    return { unique, folders, byBranch };
  });
  if (plans.some((p) => p.unique.length))
    fragments.push("fragment F on TreeEntry { mode object { ... on Blob { oid text isBinary isTruncated } } }");
  // The delivery's actor's permission, once, with the first query (ADR 30): not a request of its own.
  const actor = git.actor?.ask() ? git.actor : undefined;
  if (actor) {
    declared.push("$actor: String!");
    variables.actor = actor.login;
    roots.push(ACTOR_FIELD);
  }
  const query =
    `query (${declared.join(", ")}) { repository(owner: $owner, name: $name) { ${roots.join(" ")} } } ` +
    fragments.join(" ");
  const data = await git.client.graphql<{ repository: Record<string, { target?: Target } | Target> | null }>(
    query,
    variables,
    // A refused `actor` field (FORBIDDEN) leaves the permission to the REST read; the files stand.
    actor ? { tolerate: (path) => path[1] === "actor" } : {},
  );
  actor?.learn(data.repository?.actor as Parameters<typeof actor.learn>[0]);
  return Promise.all(
    plans.map(async ({ unique, folders, byBranch }, k) => {
      const anchors = readAnchors(data.repository, k, targets[k]?.anchors ?? []);
      const root = data.repository?.[`t${k}`];
      const target = (byBranch ? (root as { target?: Target } | null)?.target : root) as Target | undefined;
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
      return { commit: target.oid, tree: target.tree.oid, parent: target.parents?.nodes[0]?.oid, files, dirs, anchors };
    }),
  );
}
