import { createHash } from "node:crypto";
import type { GitHubClient } from "./github-client.js";
import { rememberPromise } from "./remember-promise.js";

/** Where a repository is. */
export interface RepoLocation {
  owner: string;
  repo: string;
}

/** The git blob id of `text`: what GitHub names the blob (so a write knows its blobs without asking). */
export function blobId(text: string): string {
  const bytes = Buffer.from(text, "utf8");
  return createHash("sha1").update(`blob ${bytes.length}\0`).update(bytes).digest("hex");
}

/**
 * File texts by blob id, for the life of the adapter: blobs are immutable, so one read per blob ever
 * (https://docs.github.com/rest/git/blobs#get-a-blob, base64, up to 100 MB).
 */
export class BlobStore {
  private readonly texts = new Map<string, Promise<string>>();

  constructor(
    private readonly client: GitHubClient,
    private readonly at: RepoLocation,
  ) {}

  text(sha: string): Promise<string> {
    return rememberPromise(this.texts, sha, () => this.fetch(sha));
  }

  /** Remembers the text of blob `sha` as read another way (a GraphQL query); returns the text. */
  known(sha: string, text: string): string {
    if (!this.texts.has(sha)) this.texts.set(sha, Promise.resolve(text));
    return text;
  }

  /** Remembers a text this process wrote; returns its blob id. */
  remember(text: string): string {
    const sha = blobId(text);
    if (!this.texts.has(sha)) this.texts.set(sha, Promise.resolve(text));
    return sha;
  }

  private async fetch(sha: string): Promise<string> {
    const { data } = await this.client.request<{ content: string; encoding: string }>(
      "GET /repos/{owner}/{repo}/git/blobs/{file_sha}",
      { ...this.at, file_sha: sha },
    );
    return data.encoding === "base64" ? Buffer.from(data.content, "base64").toString("utf8") : data.content;
  }
}
