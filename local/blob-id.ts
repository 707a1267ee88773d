import { createHash } from "node:crypto";

/** The id git gives these bytes as a blob (SHA-1 object format), without running git. */
export function blobId(bytes: Buffer): string {
  return createHash("sha1").update(`blob ${bytes.length}\0`).update(bytes).digest("hex");
}
