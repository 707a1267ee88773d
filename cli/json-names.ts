/**
 * Command output in one naming style: snake_case, the event log's (its field names come from the
 * original protocol and never change). The core's types are camelCase, so names are converted here,
 * at the one place JSON leaves the CLI. `details` (event details, the log's own) and `data` (a
 * refusal's facts) are passed through as they are.
 */
const CAMEL = /^[a-z][a-z0-9]*(?:[A-Z][a-z0-9]*)+$/;
const AS_IS = new Set(["details", "data"]);

export function toJsonNames(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toJsonNames);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [
      CAMEL.test(key) ? key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`) : key,
      AS_IS.has(key) ? item : toJsonNames(item),
    ]),
  );
}
