import { randomBytes } from "node:crypto";
import type { Clock } from "../core/index.js";
import type { RepoLocation } from "./blob-store.js";
import type { GitHubClient } from "./github-client.js";
import { GitHubError } from "./github-error.js";

const PREFIX = "phasegate/sync";

/**
 * A sync's lease on one milestone, so two syncs (two App replicas, the App and an Action) never
 * both create the same issue: GitHub has no unique key on issues, but creating a git ref is atomic
 * (a second create answers 422). The ref `refs/phasegate/sync/<milestone>` points at a commit whose
 * message says until when the lease holds; an expired lease (a crashed holder) is taken over by
 * deleting it and creating it again, where again only one creator wins. The ref lives outside
 * `refs/heads` and `refs/tags`, so it shows up as neither a branch nor a tag.
 */
export async function acquireSyncLease(
  client: GitHubClient,
  at: RepoLocation,
  clock: Clock,
  milestoneId: string,
  ttlMs: number,
): Promise<{ release(): Promise<void> } | undefined> {
  const ref = `${PREFIX}/${milestoneId}`;
  const until = new Date(clock.now().getTime() + ttlMs).toISOString();
  // A nonce makes every holder's commit its own: two syncs at the same second must not share a sha.
  const nonce = randomBytes(8).toString("hex");
  const tree = await client.request<{ sha: string }>(
    "POST /repos/{owner}/{repo}/git/trees",
    { ...at, tree: [{ path: "lease", mode: "100644", type: "blob", content: `${until} ${nonce}\n` }] },
    { idempotent: true },
  );
  const commit = await client.request<{ sha: string }>(
    "POST /repos/{owner}/{repo}/git/commits",
    { ...at, message: `phasegate sync lease until ${until}\n\nholder ${nonce}`, tree: tree.data.sha, parents: [] },
    { idempotent: true },
  );
  const sha = commit.data.sha;
  // Unpaced: a delivery out of time must still let go of the lease, or the next one finds it held.
  const release = async () => {
    await client
      .request("DELETE /repos/{owner}/{repo}/git/refs/{ref}", { ...at, ref }, { unpaced: true })
      .catch(ignoreMissing);
  };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await client.request(
        "POST /repos/{owner}/{repo}/git/refs",
        { ...at, ref: `refs/${ref}`, sha },
        {
          recover: async () => ((await holder(client, at, ref)) === sha ? { ref } : undefined),
        },
      );
      return { release };
    } catch (error) {
      if (!(error instanceof GitHubError) || error.status !== 422) throw error;
      const current = await holder(client, at, ref);
      if (current === sha) return { release };
      if (current && !(await expired(client, at, current, clock))) return undefined;
      await client.request("DELETE /repos/{owner}/{repo}/git/refs/{ref}", { ...at, ref }).catch(ignoreMissing);
    }
  }
  return undefined;
}

async function holder(client: GitHubClient, at: RepoLocation, ref: string): Promise<string | undefined> {
  try {
    const { data } = await client.request<{ object: { sha: string } }>("GET /repos/{owner}/{repo}/git/ref/{ref}", {
      ...at,
      ref,
    });
    return data.object.sha;
  } catch (error) {
    if (error instanceof GitHubError && error.status === 404) return undefined;
    throw error;
  }
}

async function expired(client: GitHubClient, at: RepoLocation, sha: string, clock: Clock): Promise<boolean> {
  const { data } = await client.request<{ message: string }>("GET /repos/{owner}/{repo}/git/commits/{commit_sha}", {
    ...at,
    commit_sha: sha,
  });
  const until = Date.parse(
    data.message
      .split("\n")[0]
      ?.replace(/^phasegate sync lease until /, "")
      .trim() ?? "",
  );
  return !Number.isFinite(until) || until <= clock.now().getTime();
}

function ignoreMissing(error: unknown): void {
  if (error instanceof GitHubError && (error.status === 404 || error.status === 422)) return;
  throw error;
}
