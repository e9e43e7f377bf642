/**
 * Cache Storage that never fails a load. Some runtimes expose `caches` whose every call throws
 * (Cloudflare Workers without a configured cache: "No Cache was configured"; quota errors and
 * private modes in browsers): then files and graphs are simply not kept, with one warning.
 */
export interface SafeCache {
  match(key: string): Promise<Response | undefined>;
  put(key: string, response: Response): Promise<void>;
}

let warned = false;

function warnOnce(what: string, err: unknown): void {
  if (warned) return;
  warned = true;
  const why = err instanceof Error ? err.message : String(err);
  console.warn(`@convbert/web: Cache Storage ${what} failed (${why}); models load without a cache`);
}

/** The named cache, or `undefined` where there is none (`caches` missing, `open` refused). */
export async function openSafeCache(name: string): Promise<SafeCache | undefined> {
  if (typeof caches === 'undefined') return undefined;
  let cache: Cache;
  try {
    cache = await caches.open(name);
  } catch (err) {
    warnOnce('open', err);
    return undefined;
  }
  return {
    async match(key) {
      try {
        return (await cache.match(key)) ?? undefined;
      } catch (err) {
        warnOnce('match', err);
        return undefined;
      }
    },
    async put(key, response) {
      try {
        await cache.put(key, response);
      } catch (err) {
        warnOnce('put', err);
      }
    },
  };
}
