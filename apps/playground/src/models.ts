// Where the playground's model comes from (the tab's demo model, a hub id, a folder URL, a dropped
// folder), opened as one source per choice that reads each file once and reports download bytes.
import * as web from '@convbert/web';
import { DEMO_INDEX_FILE, type DemoIndex } from './demos.js';

export type ModelChoice =
  | { kind: 'demo' }
  | { kind: 'hub'; id: string; endpoint: string; revision: string }
  | { kind: 'url'; url: string }
  /** `name`: the picked or dropped folder's name; empty for loose files. */
  | { kind: 'files'; files: web.NamedFile[]; name: string };

/** Bytes of one file so far (`total` when the server said). */
export type FileProgress = (file: string, loaded: number, total: number | undefined) => void;

/**
 * Reads each file once (the pipeline, the tokenizer and the maps' encoder share the bytes), tells
 * `onFile` how a download goes, and answers `exists` from the folder's listing when it has one, so
 * optional files are never probed with a request (each 404 is a red line in the console).
 */
export class PlaygroundSource implements web.ModelSource {
  readonly id: string;
  onFile: FileProgress | undefined;
  private readonly files = new Map<string, Promise<Uint8Array>>();
  private readonly known = new Map<string, Promise<boolean>>();
  constructor(
    private readonly inner: web.ModelSource,
    private readonly listing?: readonly string[],
  ) {
    this.id = inner.id;
  }
  exists(name: string): Promise<boolean> {
    if (this.listing) return Promise.resolve(this.listing.includes(name));
    let p = this.known.get(name);
    if (!p) {
      p = this.files.has(name) ? Promise.resolve(true) : this.inner.exists(name);
      this.known.set(name, p);
    }
    return p;
  }
  read(name: string): Promise<Uint8Array> {
    let p = this.files.get(name);
    if (!p) {
      p = this.inner.read(name);
      this.files.set(name, p);
      p.catch(() => this.files.delete(name));
    }
    return p;
  }
  /** Whether the folder has PyTorch weights, or only TensorFlow's (the maps' encoder needs to know). */
  async onlyTensorFlow(): Promise<boolean> {
    for (const f of ['model.safetensors', 'pytorch_model.bin']) if (await this.exists(f)) return false;
    return this.exists('tf_model.h5');
  }
}

/** fetch that counts the bytes of each body as it arrives (HEAD requests pass through). */
function countingFetch(report: (url: string, loaded: number, total: number | undefined) => void): typeof fetch {
  return async (input, init) => {
    const res = await fetch(input, init);
    if (init?.method === 'HEAD' || !res.ok || !res.body) return res;
    const url = input instanceof Request ? input.url : String(input);
    const total = Number(res.headers.get('content-length')) || undefined;
    let loaded = 0;
    report(url, 0, total);
    const counted = res.body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, out) {
          loaded += chunk.byteLength;
          report(url, loaded, total);
          out.enqueue(chunk);
        },
      }),
    );
    return new Response(counted, { status: res.status, statusText: res.statusText, headers: res.headers });
  };
}

export function demoUrl(name: string): string {
  return new URL(`models/${name}/`, document.baseURI).href;
}

let demoIndex: Promise<DemoIndex> | undefined;

/** Which demo models this site serves (models/index.json, written by the Vite config). */
export function loadDemoIndex(): Promise<DemoIndex> {
  demoIndex ??= fetch(new URL(DEMO_INDEX_FILE, document.baseURI))
    .then((r) => (r.ok ? (r.json() as Promise<DemoIndex>) : {}))
    .catch(() => ({}));
  return demoIndex;
}

/** Raised for a tab whose demo model is not on this site: the page shows it as a note, not a failure. */
export class NoDemoModel extends Error {
  constructor(readonly model: string) {
    super(
      `The demo model of this tab (${model}) is not on this site yet: open “Model” to use a hub id, a folder URL or a folder of your own.`,
    );
  }
}

/** A key that changes when the model changes (for caches). */
export function choiceKey(choice: ModelChoice, demo: string): string {
  switch (choice.kind) {
    case 'demo':
      return `demo:${demo}`;
    case 'hub':
      return `hub:${choice.endpoint}|${choice.id}@${choice.revision}`;
    case 'url':
      return `url:${choice.url}`;
    case 'files':
      return `files:${choice.name}:${choice.files.map((f) => `${f.path}:${f.file.size}`).join(',')}`;
  }
}

export function describeChoice(choice: ModelChoice, demo: string, index: DemoIndex): string {
  switch (choice.kind) {
    case 'demo':
      return index[demo] ? `demo model ${demo}` : `demo model ${demo} (not on this site yet)`;
    case 'hub':
      return `hub ${choice.id || '(no id yet)'}@${choice.revision} (${choice.endpoint})`;
    case 'url':
      return `folder URL ${choice.url || '(none yet)'}`;
    case 'files':
      return `${choice.name ? `folder “${choice.name}”` : 'dropped files'} (${choice.files.length}: ${choice.files.map((f) => f.path).join(', ')})`;
  }
}

/** The source of a choice; its downloads are reported to the source's `onFile`. */
export async function openChoice(choice: ModelChoice, demo: string): Promise<PlaygroundSource> {
  let source: PlaygroundSource | undefined;
  const onFile: FileProgress = (file, loaded, total) => source?.onFile?.(file, loaded, total);
  const byUrl = (base: string) => (url: string, loaded: number, total: number | undefined) =>
    onFile(url.startsWith(base) ? decodeURIComponent(url.slice(base.length)) : url, loaded, total);
  switch (choice.kind) {
    case 'demo': {
      const listing = (await loadDemoIndex())[demo];
      if (!listing) throw new NoDemoModel(demo);
      const base = demoUrl(demo);
      source = new PlaygroundSource(new web.UrlSource(base, { fetch: countingFetch(byUrl(base)) }), listing);
      break;
    }
    case 'hub':
      source = new PlaygroundSource(
        new web.WebHubSource(choice.id, {
          endpoint: choice.endpoint,
          revision: choice.revision || undefined,
          onProgress: (p) => p.file && onFile(p.file, p.loaded, p.total),
        }),
      );
      break;
    case 'url': {
      const base = new web.UrlSource(choice.url).url('config.json').replace(/config\.json$/, '');
      source = new PlaygroundSource(new web.UrlSource(base, { fetch: countingFetch(byUrl(base)) }));
      break;
    }
    case 'files':
      source = new PlaygroundSource(new web.FileSource(choice.files, choice.name || 'dropped files'));
      break;
  }
  return source;
}

/** Hub settings for a worker (plain data), when the choice is a hub id. */
export function workerHubOptions(choice: ModelChoice): Record<string, string> {
  return choice.kind === 'hub' ? { endpoint: choice.endpoint, ...(choice.revision ? { revision: choice.revision } : {}) } : {};
}

/** What a worker can receive for the same choice (strings and Blobs only). */
export function workerRef(choice: ModelChoice, demo: string): string | { files: web.NamedFile[]; id: string } {
  switch (choice.kind) {
    case 'demo':
      return demoUrl(demo);
    case 'hub':
      return choice.id;
    case 'url':
      return new URL(choice.url, document.baseURI).href;
    case 'files':
      return { files: choice.files, id: choice.name };
  }
}
