import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { inflateSync } from "node:zlib";

/**
 * A blob's bytes from git's loose object file (`objects/<2>/<38>`, zlib-compressed `blob <size>\0…`),
 * without starting git; undefined when it is not there as a loose SHA-1 object (packed, another object
 * format, damaged): ask git. The bytes are returned only when they hash to `oid`.
 */
export async function readLooseBlob(objects: string, oid: string): Promise<Buffer | undefined> {
  if (!/^[0-9a-f]{40}$/.test(oid)) return undefined;
  const file = await readFile(join(objects, oid.slice(0, 2), oid.slice(2))).catch(() => undefined);
  if (!file) return undefined;
  let object: Buffer;
  try {
    object = inflateSync(file);
  } catch {
    return undefined;
  }
  const nul = object.indexOf(0);
  const header = nul < 0 ? "" : object.subarray(0, nul).toString("latin1");
  const size = /^blob (\d+)$/.exec(header)?.[1];
  if (size === undefined || Number(size) !== object.length - nul - 1) return undefined;
  if (createHash("sha1").update(object).digest("hex") !== oid) return undefined;
  return object.subarray(nul + 1);
}
