import type { SessionOptions } from './backend.js';
import type { CheckpointWeights } from './checkpoint-files.js';

/**
 * Where built graphs are kept between loads. Building a checkpoint's graph costs time on
 * every start; a cache keyed by the content of what the graph is built from (config, weights,
 * recipe) makes the second load skip it. Platform packages implement it (files, Cache Storage).
 */
export interface GraphCache {
  /** The graph stored under `key`, or `undefined`. */
  get(key: string): Promise<Uint8Array | undefined>;
  /** Stores atomically: a reader never sees half a graph. */
  set(key: string, graph: Uint8Array): Promise<void>;
  /** A stable digest of the parts (sha256 hex); the cache knows the platform's hashing. */
  digest(parts: readonly (Uint8Array | string)[]): Promise<string>;
}

/** Progress of loading a model: a file (`loaded`/`total` bytes) or a step (`loaded`/`total` of 1). */
export interface LoadProgress {
  file?: string;
  step?: string;
  loaded: number;
  total?: number;
}

/**
 * The cache-key part for a checkpoint's weights. A local file read in place is named by its
 * identity (real path, size, modification and change times, inode), so a cached load reads none of the
 * weights; a file that changes gets a new key. Weights read whole are hashed.
 */
export function weightsKeyPart(files: CheckpointWeights): Uint8Array | string {
  return files.local !== undefined ? `local-file:${files.local.identity}` : files.weightBytes;
}

/** Session options for a graph built from `files`: where its external data lives, if anywhere. */
export function sessionOptionsFor(files: CheckpointWeights, session: SessionOptions = {}): SessionOptions {
  return files.local === undefined ? session : { ...session, externalDataFolder: files.local.folder };
}

/** Bump when the graph builder changes what it writes, so stale graphs are not reused. */
export const GRAPH_BUILDER_VERSION = '3';

const graphKey = (cache: GraphCache, parts: readonly (Uint8Array | string)[]) =>
  cache.digest([`convbert-graph/${GRAPH_BUILDER_VERSION}`, ...parts]);

/** The cached graph for `parts`, if there is one. */
export async function cachedGraph(
  cache: GraphCache,
  parts: readonly (Uint8Array | string)[],
  onProgress?: (e: LoadProgress) => void,
): Promise<Uint8Array | undefined> {
  const hit = await cache.get(await graphKey(cache, parts));
  if (hit !== undefined) onProgress?.({ step: 'graph (cached)', loaded: 1, total: 1 });
  return hit;
}

/**
 * The graph for `parts`, from the cache when there, else built and stored. Without a cache,
 * just builds.
 */
export async function cachedBuild(
  cache: GraphCache | undefined,
  parts: readonly (Uint8Array | string)[],
  build: () => Uint8Array,
  onProgress?: (e: LoadProgress) => void,
): Promise<{ graph: Uint8Array; cached: boolean }> {
  const key = cache === undefined ? undefined : await graphKey(cache, parts);
  const hit = key === undefined ? undefined : await cache!.get(key);
  if (hit !== undefined) {
    onProgress?.({ step: 'graph (cached)', loaded: 1, total: 1 });
    return { graph: hit, cached: true };
  }
  onProgress?.({ step: 'build graph', loaded: 0, total: 1 });
  const graph = build();
  if (key !== undefined) await cache!.set(key, graph);
  onProgress?.({ step: 'build graph', loaded: 1, total: 1 });
  return { graph, cached: false };
}
