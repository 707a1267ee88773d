import type { Context } from "./context.js";

/** How a cached value is written to the plan cache and read back; `read` gives undefined for an entry it cannot use. */
export interface CacheCodec<T> {
  render(value: T): string;
  read(text: string): T | undefined;
}

/**
 * `make()`, through the context's plan cache under `key` when there is one: a value whose key names
 * every input blob (path@blob id) cannot change. A damaged entry, or one in another layout, is made
 * again and replaced; a cache that fails to read or write is as good as none. `make` may give
 * undefined (an input it could not read): nothing is cached then. `fresh`: made in this run.
 */
export async function throughPlanCache<T, Made extends T | undefined = T>(
  ctx: Pick<Context, "planCache">,
  key: string,
  make: () => Promise<Made>,
  codec: CacheCodec<T>,
): Promise<{ value: T | Made; fresh: boolean }> {
  const cached = await ctx.planCache?.get(key).catch(() => undefined);
  const hit = cached === undefined ? undefined : codec.read(cached);
  if (hit !== undefined) return { value: hit, fresh: false };
  const value = await make();
  if (value !== undefined) await ctx.planCache?.set(key, codec.render(value)).catch(() => undefined);
  return { value, fresh: true };
}
