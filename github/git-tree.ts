import type { GitHubClient } from "./github-client.js";
import type { RepoLocation } from "./blob-store.js";

/** A file of a tree: its blob id and mode. */
export interface TreeFile {
  sha: string;
  mode: string;
}

interface TreeEntry {
  path: string;
  mode: string;
  type: string;
  sha: string;
}

interface TreeResponse {
  sha: string;
  tree: TreeEntry[];
  truncated: boolean;
}

/**
 * The files of one tree, from ONE recursive read
 * (https://docs.github.com/rest/git/trees#get-a-tree). Past GitHub's limit (100,000 entries or
 * 7 MB) the answer is `truncated`: then only the folders asked about are read, one level at a time.
 */
export class GitTree {
  /** Blob paths → files; undefined when the recursive read was truncated. */
  private files: Map<string, TreeFile> | undefined;
  private readonly dirs = new Map<string, Promise<Map<string, TreeEntry>>>();

  private constructor(
    private readonly client: GitHubClient,
    private readonly at: RepoLocation,
    /** The tree id. */
    readonly sha: string,
  ) {}

  /** Reads the tree `treeish` names (a tree, a commit or a branch); undefined on 404. */
  static async read(client: GitHubClient, at: RepoLocation, treeish: string): Promise<GitTree | undefined> {
    let data: TreeResponse;
    try {
      ({ data } = await client.request<TreeResponse>("GET /repos/{owner}/{repo}/git/trees/{tree_sha}", {
        ...at,
        tree_sha: treeish,
        recursive: "1",
      }));
    } catch (error) {
      if ((error as { status?: number }).status === 404) return undefined;
      throw error;
    }
    const tree = new GitTree(client, at, data.sha);
    if (!data.truncated) tree.files = blobsOf(data.tree, "");
    return tree;
  }

  /** A tree whose files are known (a tree this process just wrote). */
  static known(client: GitHubClient, at: RepoLocation, sha: string, files: Map<string, TreeFile>): GitTree {
    const tree = new GitTree(client, at, sha);
    tree.files = files;
    return tree;
  }

  /** Every file, when the recursive read was complete (a write builds on it without reading). */
  get allFiles(): ReadonlyMap<string, TreeFile> | undefined {
    return this.files;
  }

  async file(path: string): Promise<TreeFile | undefined> {
    if (this.files) return this.files.get(path);
    const slash = path.lastIndexOf("/");
    const entry = (await this.dir(slash < 0 ? "" : path.slice(0, slash)))?.get(path);
    return entry?.type === "blob" ? { sha: entry.sha, mode: entry.mode } : undefined;
  }

  /** Paths of the files directly in `dir`, sorted. */
  async list(dir: string): Promise<string[]> {
    const prefix = dir === "" ? "" : `${dir}/`;
    const paths = this.files
      ? [...this.files.keys()].filter((p) => p.startsWith(prefix) && !p.slice(prefix.length).includes("/"))
      : [...((await this.dir(dir))?.values() ?? [])].filter((e) => e.type === "blob").map((e) => e.path);
    return paths.sort();
  }

  /** One folder's entries (full paths), read level by level from the root; undefined when missing. */
  private dir(dir: string): Promise<Map<string, TreeEntry> | undefined> {
    if (dir === "") return this.level("", this.sha);
    const slash = dir.lastIndexOf("/");
    const parent = slash < 0 ? "" : dir.slice(0, slash);
    return this.dir(parent).then((entries) => {
      const entry = entries?.get(dir);
      return entry?.type === "tree" ? this.level(dir, entry.sha) : undefined;
    });
  }

  private level(dir: string, sha: string): Promise<Map<string, TreeEntry>> {
    let level = this.dirs.get(dir);
    if (!level) {
      level = this.client
        .request<TreeResponse>("GET /repos/{owner}/{repo}/git/trees/{tree_sha}", { ...this.at, tree_sha: sha })
        .then(
          ({ data }) =>
            new Map(
              data.tree.map((e) => [
                dir ? `${dir}/${e.path}` : e.path,
                { ...e, path: dir ? `${dir}/${e.path}` : e.path },
              ]),
            ),
        );
      this.dirs.set(dir, level);
    }
    return level;
  }
}

function blobsOf(entries: TreeEntry[], prefix: string): Map<string, TreeFile> {
  const files = new Map<string, TreeFile>();
  for (const e of entries) if (e.type === "blob") files.set(prefix + e.path, { sha: e.sha, mode: e.mode });
  return files;
}
