/**
 * Back-off before retrying a conflicting write: exponential from 20 ms, capped at 1 s, with full
 * jitter so racing writers spread out instead of colliding again.
 */
export function retryDelay(attempt: number, random: () => number): number {
  const ceiling = Math.min(1_000, 20 * 2 ** (attempt - 1));
  return Math.round(ceiling * random());
}
