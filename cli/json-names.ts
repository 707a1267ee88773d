/**
 * Command output in one naming style: snake_case, the event log's (its field names come from the
 * original protocol and never change). The core's types are camelCase, so names are converted here,
 * at the one place JSON leaves the CLI. `details` (event details, the log's own) and `data` (a
 * refusal's facts) are passed through as they are.
 */
const CAMEL = /^[a-z][a-z0-9]*(?:[A-Z][a-z0-9]*)+$/;
const AS_IS = new Set(["details", "data"]);

/** Each name as converted once: `status --json` on 1,000 tasks converts a few dozen names tens of thousands of times. */
const converted = new Map<string, string>();

export function toJsonNames(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toJsonNames);
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const inner = AS_IS.has(key) ? item : toJsonNames(item);
    // A key from data named `__proto__` stays a key, as Object.fromEntries would keep it.
    if (key === "__proto__") Object.defineProperty(out, key, { value: inner, enumerable: true, writable: true });
    else out[jsonName(key)] = inner;
  }
  return out;
}

function jsonName(key: string): string {
  let name = converted.get(key);
  if (name === undefined) {
    name = CAMEL.test(key) ? key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`) : key;
    // Names are the code's own; keys that come from data (task ids in a map) are few per command.
    if (converted.size < 10_000) converted.set(key, name);
  }
  return name;
}
