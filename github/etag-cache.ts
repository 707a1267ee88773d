import type { Headers } from "./github-error.js";

interface Entry {
  etag: string;
  data: unknown;
  headers: Headers;
}

/**
 * Conditional GETs: the last body and ETag of each URL. A 304 answers from here and does not count
 * against the primary rate limit
 * (https://docs.github.com/rest/using-the-rest-api/best-practices-for-using-the-rest-api#use-conditional-requests-if-appropriate).
 * Bounded: the oldest entries go first.
 */
export class ETagCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly capacity = 2_000) {}

  get(url: string): Entry | undefined {
    return this.entries.get(url);
  }

  /** Remembers a 200 that carried an ETag. */
  put(url: string, response: { status: number; data: unknown; headers: Headers }): void {
    const etag = response.headers.etag;
    if (response.status !== 200 || etag === undefined) return;
    this.entries.delete(url);
    this.entries.set(url, { etag: String(etag), data: response.data, headers: response.headers });
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
  }
}
