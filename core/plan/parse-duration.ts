import { DURATION_PATTERN } from "./plan-patterns.js";

const UNIT_MS: Record<string, number> = {
  ms: 1,
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

/** A year: a longer claim or phase limit is a typo, and it keeps every value a safe integer. */
export const DURATION_MAX_MS = 366 * UNIT_MS.d!;

/**
 * `4h` → 14 400 000. Accepts `ms`, `s`, `m`, `h`, `d`, `w`, chained (`1h30m`). Returns undefined
 * for anything else, for zero, and for more than a year; the schema explains which.
 */
export function parseDuration(text: string): number | undefined {
  if (!DURATION_PATTERN.test(text)) return undefined;
  let total = 0;
  for (const match of text.matchAll(/(\d+)(ms|s|m|h|d|w)/g)) {
    total += Number(match[1]) * UNIT_MS[match[2]!]!;
  }
  return total > 0 && total <= DURATION_MAX_MS ? total : undefined;
}
