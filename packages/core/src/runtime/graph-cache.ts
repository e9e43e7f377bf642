/**
 * Where built graphs are kept between loads. Building a checkpoint's graph costs time on
 * every start; a cache keyed by the content of what the graph is built from (config, weights,
 * recipe) makes the second load skip it. Platform packages implement it (files, Cache Storage).
 */
export interface GraphCache {
  get(key: string): Promise<Uint8Array | undefined>;
  /** Stores atomically: a reader never sees half a graph. */
  set(key: string, graph: Uint8Array): Promise<void>;
  /** A stable digest of the parts (sha256 hex); the cache knows the platform's hashing. */
  digest(parts: readonly (Uint8Array | string)[]): Promise<string>;
}

/** Bump when the graph builder changes what it writes, so stale graphs are not reused. */
export const GRAPH_BUILDER_VERSION = '1';

/**
 * The graph for `parts`, from the cache when there, else built and stored. Without a cache,
 * just builds.
 */
export async function cachedBuild(
  cache: GraphCache | undefined,
  parts: readonly (Uint8Array | string)[],
  build: () => Uint8Array,
): Promise<{ graph: Uint8Array; cached: boolean }> {
  if (cache === undefined) return { graph: build(), cached: false };
  const key = await cache.digest([`convbert-graph/${GRAPH_BUILDER_VERSION}`, ...parts]);
  const hit = await cache.get(key);
  if (hit !== undefined) return { graph: hit, cached: true };
  const graph = build();
  await cache.set(key, graph);
  return { graph, cached: false };
}
