/**
 * The promise kept under `key`, or `load()`'s, kept until it fails (a failed read is asked again).
 * For answers that do not change in a cache's life: blobs by id, a user's permission in one delivery.
 */
export function rememberPromise<T>(cache: Map<string, Promise<T>>, key: string, load: () => Promise<T>): Promise<T> {
  let found = cache.get(key);
  if (!found) {
    found = load();
    cache.set(key, found);
    found.catch(() => cache.delete(key));
  }
  return found;
}
