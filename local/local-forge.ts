/**
 * `Forge` in local mode: the outside world is the machine. Conflicts are git's; the CI signal (the
 * plan's test command) is local-test-runner.ts.
 */
import type { ConflictReport, Forge, Permission } from "../core/index.js";
import { isGitExit, runGit } from "./git.js";

export interface LocalForgeOptions {
  /** Top level of the working tree: where git looks for conflicts. */
  root: string;
}

export class LocalForge implements Forge {
  private readonly root: string;

  constructor(options: LocalForgeOptions) {
    this.root = options.root;
  }

  /**
   * Local mode has no permission system: whoever runs the CLI can edit the files anyway. The
   * plan's approvers and the self-approval rule still apply; the core checks those.
   */
  async getPermission(_user: string): Promise<Permission | "none"> {
    return "admin";
  }

  /** Teams live on GitHub; local mode cannot know. */
  async isTeamMember(_team: string, _user: string): Promise<boolean | undefined> {
    return undefined;
  }

  /** Unmerged paths, plus tracked text files that hold both a `<<<<<<< ` and a `>>>>>>> ` line. */
  async findConflicts(_branch: string): Promise<ConflictReport> {
    const unmerged = splitNul(await runGit(this.root, ["diff", "--name-only", "--diff-filter=U", "-z"]));
    let marked: string[] = [];
    try {
      const args = ["grep", "--no-color", "-I", "-l", "-z", "-E", "--all-match", "-e", "^<<<<<<< ", "-e", "^>>>>>>> "];
      marked = splitNul(await runGit(this.root, args));
    } catch (error) {
      if (!isGitExit(error, 1)) throw error; // 1: no file matched
    }
    const items = [...new Set([...unmerged, ...marked])].sort();
    if (items.length === 0) return { items, summary: "no merge conflicts" };
    const named = items.slice(0, 10).join(", ") + (items.length > 10 ? `, and ${items.length - 10} more` : "");
    return {
      items,
      summary: `${items.length} ${items.length === 1 ? "file has" : "files have"} merge conflicts: ${named}`,
    };
  }
}

function splitNul(text: string): string[] {
  return text.split("\0").filter((item) => item !== "");
}
