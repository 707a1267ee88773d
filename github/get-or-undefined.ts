import type { GitHubClient } from "./github-client.js";
import { GitHubError } from "./github-error.js";
import type { Json } from "./map-tracked.js";

/** A GET's data, or undefined when GitHub answers that it is not there (404) or cannot be read (422). */
export async function getOrUndefined(
  client: GitHubClient,
  route: string,
  params: Record<string, unknown>,
): Promise<Json | undefined> {
  try {
    return (await client.request<Json>(route, params)).data;
  } catch (error) {
    if (error instanceof GitHubError && (error.status === 404 || error.status === 422)) return undefined;
    throw error;
  }
}
