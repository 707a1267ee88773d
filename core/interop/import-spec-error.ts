/** The import cannot produce a plan; the message says what to change. */
export class ImportSpecError extends Error {
  override name = "ImportSpecError";
}
