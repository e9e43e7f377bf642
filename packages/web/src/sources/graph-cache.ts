import type { GraphCache } from '@convbert/core';
import { openSafeCache, type SafeCache } from './safe-cache.js';
import { sha256Hex } from './sha256.js';

/** The Cache Storage cache built graphs are kept in by default. */
export const DEFAULT_GRAPH_CACHE_NAME = 'convbert-graphs';

const enc = new TextEncoder();

/** Graphs whose write into Cache Storage has not ended yet, and that write, by cache name and key (page-wide: each load may make its own cache object). */
const writing = new Map<string, { graph: Uint8Array; done: Promise<unknown> }>();

/**
 * Built ONNX graphs kept in Cache Storage, so a checkpoint is converted once per browser and not
 * on every page load (`graphCache: true` or an instance in the load options). Keys are sha256
 * digests of what the graph is built from; `cache.put` stores a whole response or nothing.
 */
export class CacheStorageGraphCache implements GraphCache {
  constructor(readonly cacheName: string = DEFAULT_GRAPH_CACHE_NAME) {}

  private open(): Promise<SafeCache | undefined> {
    return openSafeCache(this.cacheName);
  }

  private url(key: string): string {
    return `https://convbert-graph-cache.invalid/${encodeURIComponent(key)}`;
  }

  /** The graph stored under `key` in Cache Storage, or `undefined`. */
  async get(key: string): Promise<Uint8Array | undefined> {
    const pending = writing.get(`${this.cacheName}\n${key}`)?.graph;
    if (pending !== undefined && pending.byteLength > 0) return pending;
    const hit = await (await this.open())?.match(this.url(key));
    return hit ? new Uint8Array(await hit.arrayBuffer()) : undefined;
  }

  /**
   * Starts storing and returns: writing a graph of tens of MB into Cache Storage takes seconds,
   * and the model's session need not wait for it. Until the write ends, `get` in this page answers
   * with the bytes in memory; other pages see the whole entry or none (`put` is atomic).
   */
  async set(key: string, graph: Uint8Array): Promise<void> {
    const id = `${this.cacheName}\n${key}`;
    // The body is a copy taken now, so a runtime that later transfers `graph` away cannot empty it.
    const body = new Response(graph as Uint8Array<ArrayBuffer>, { headers: { 'content-type': 'application/octet-stream' } });
    const ended = () => writing.delete(id);
    const done = this.open()
      .then((c) => c?.put(this.url(key), body))
      .then(ended, ended);
    writing.set(id, { graph, done });
  }

  /** Resolves when the writes started so far have ended (stored or given up). */
  async flushed(): Promise<void> {
    await Promise.all([...writing.values()].map((w) => w.done));
  }

  /** sha256 of the parts, each preceded by its length (so part boundaries count). */
  async digest(parts: readonly (Uint8Array | string)[]): Promise<string> {
    const bytes = parts.map((p) => (typeof p === 'string' ? enc.encode(p) : p));
    const total = bytes.reduce((n, b) => n + 8 + b.byteLength, 0);
    const all = new Uint8Array(total);
    const view = new DataView(all.buffer);
    let at = 0;
    for (const b of bytes) {
      view.setBigUint64(at, BigInt(b.byteLength), true);
      all.set(b, at + 8);
      at += 8 + b.byteLength;
    }
    return sha256Hex(all);
  }

  /** Removes every cached graph. */
  async clear(): Promise<boolean> {
    await this.flushed(); // a write still under way would otherwise land after the clearing
    return typeof caches !== 'undefined' && caches.delete(this.cacheName);
  }
}
