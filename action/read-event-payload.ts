import { readFile } from "node:fs/promises";

/** The webhook payload the runner wrote (GITHUB_EVENT_PATH); `{}` when there is none or it is not JSON. */
export async function readEventPayload(path: string | undefined): Promise<Record<string, any>> {
  if (!path) return {};
  const text = await readFile(path, "utf8").catch(() => undefined);
  if (text === undefined) return {};
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === "object" ? (value as Record<string, any>) : {};
  } catch {
    return {};
  }
}
