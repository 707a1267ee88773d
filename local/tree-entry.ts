/**
 * The entry named `name` in a tree object's body (entries: `<mode> <name>\0<raw id>`, the id
 * `idLength` bytes: 20 for SHA-1, 32 for SHA-256); undefined when it is not listed or the body is
 * damaged. Names are compared as bytes, as git compares them.
 */
export function treeEntry(body: Buffer, name: string, idLength: number): { mode: string; oid: string } | undefined {
  const wanted = Buffer.from(name, "utf8");
  for (let at = 0; at < body.length;) {
    const space = body.indexOf(0x20, at);
    const nul = space < 0 ? -1 : body.indexOf(0, space);
    if (nul < 0 || nul + 1 + idLength > body.length) return undefined;
    if (nul - space - 1 === wanted.length && body.subarray(space + 1, nul).equals(wanted)) {
      return { mode: body.toString("latin1", at, space), oid: body.toString("hex", nul + 1, nul + 1 + idLength) };
    }
    at = nul + 1 + idLength;
  }
  return undefined;
}
