// A source that names its weights' content (`identity`: a URL with its ETag) lets a load with the
// graph cached skip reading the weights; a changed identity reads and builds again.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { checkpointDir } from '@convbert/test-fixtures';
import { describe, expect, it } from 'vitest';
import { type Backend, ENCODER_GRAPH, type GraphCache, MemorySource, ModelSession } from '../../src/index.js';

const dir = checkpointDir('tiny', 'base');
const files = {
  'config.json': readFileSync(`${dir}/config.json`),
  'model.safetensors': new Uint8Array(readFileSync(`${dir}/model.safetensors`)),
};

class NamedSource extends MemorySource {
  readonly reads: string[] = [];
  constructor(public version: string | undefined) {
    super(files, 'named');
  }
  override async read(name: string) {
    this.reads.push(name);
    return super.read(name);
  }
  async identity(name: string) {
    return this.version === undefined ? undefined : `https://example.test/m/${name} "${this.version}"`;
  }
}

class MapCache implements GraphCache {
  readonly graphs = new Map<string, Uint8Array>();
  async get(key: string) {
    return this.graphs.get(key);
  }
  async set(key: string, graph: Uint8Array) {
    this.graphs.set(key, graph);
  }
  async digest(parts: readonly (Uint8Array | string)[]) {
    const h = createHash('sha256');
    for (const p of parts) h.update(`${typeof p === 'string' ? p.length : p.byteLength}:`).update(p);
    return h.digest('hex');
  }
}

/** A backend that keeps the graphs it was handed. */
function capture(): Backend & { graphs: Uint8Array[] } {
  const graphs: Uint8Array[] = [];
  return {
    name: 'capture',
    graphs,
    async createSession(model) {
      graphs.push(model);
      return { inputNames: [], outputNames: [], run: async () => ({}), release: async () => {} };
    },
  };
}

const kind = { name: 'ConvBertModel', graph: ENCODER_GRAPH };
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

describe('graph cache keyed by the source identity of the weights', () => {
  it('a second load with the same identity reads config.json only, and runs the graph built the first time', async () => {
    const cache = new MapCache();
    const backend = capture();
    const first = new NamedSource('v1');
    const a = await ModelSession.load(first, backend, kind, { graphCache: cache });
    expect(first.reads).toContain('model.safetensors');
    expect(a.info.cached).toBe(false);

    const again = new NamedSource('v1');
    const steps: string[] = [];
    const b = await ModelSession.load(again, backend, kind, { graphCache: cache, onProgress: (e) => steps.push(e.step ?? '') });
    expect(again.reads).toEqual(['config.json']);
    expect(b.info).toMatchObject({ kind: 'built', file: 'model.safetensors', cached: true });
    expect(steps).toContain('graph (cached)');
    expect(sha(backend.graphs[1]!)).toBe(sha(backend.graphs[0]!));
    expect(cache.graphs.size).toBe(1);
  });

  it('a changed identity (new ETag) reads the weights and builds again', async () => {
    const cache = new MapCache();
    await ModelSession.load(new NamedSource('v1'), capture(), kind, { graphCache: cache });
    const changed = new NamedSource('v2');
    const s = await ModelSession.load(changed, capture(), kind, { graphCache: cache });
    expect(changed.reads).toContain('model.safetensors');
    expect(s.info.cached).toBe(false);
    expect(cache.graphs.size).toBe(2);
  });

  it('a source that cannot name the file (no ETag) is keyed by the weights themselves, as before', async () => {
    const cache = new MapCache();
    await ModelSession.load(new NamedSource(undefined), capture(), kind, { graphCache: cache });
    const again = new NamedSource(undefined);
    const s = await ModelSession.load(again, capture(), kind, { graphCache: cache });
    expect(again.reads).toContain('model.safetensors');
    expect(s.info.cached).toBe(true);
  });
});
