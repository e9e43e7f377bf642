// Where the playground's model comes from, and loading it once per (source, task, device).
import * as web from '@convbert/web';

export type ModelChoice =
  | { kind: 'demo' }
  | { kind: 'hub'; id: string; endpoint: string; revision: string }
  | { kind: 'url'; url: string }
  | { kind: 'files'; files: web.NamedFile[]; name: string };

/** Reads each file once: the pipeline, the tokenizer and the pictures' encoder share the bytes. */
export class MemoSource implements web.ModelSource {
  readonly id: string;
  private readonly files = new Map<string, Promise<Uint8Array>>();
  private readonly known = new Map<string, Promise<boolean>>();
  constructor(private readonly inner: web.ModelSource) {
    this.id = inner.id;
  }
  exists(name: string): Promise<boolean> {
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
}

export function demoUrl(name: string): string {
  return new URL(`models/${name}/`, document.baseURI).href;
}

/** A key that changes when the model changes (for caches). */
export function choiceKey(choice: ModelChoice, demo: string | undefined): string {
  switch (choice.kind) {
    case 'demo':
      return `demo:${demo ?? '-'}`;
    case 'hub':
      return `hub:${choice.endpoint}|${choice.id}@${choice.revision}`;
    case 'url':
      return `url:${choice.url}`;
    case 'files':
      return `files:${choice.name}:${choice.files.map((f) => `${f.path}:${f.file.size}`).join(',')}`;
  }
}

export function describeChoice(choice: ModelChoice, demo: string | undefined): string {
  switch (choice.kind) {
    case 'demo':
      return demo ? `demo model ${demo}` : 'no demo model for this task';
    case 'hub':
      return `hub ${choice.id}@${choice.revision} (${choice.endpoint})`;
    case 'url':
      return choice.url;
    case 'files':
      return `dropped folder ${choice.name} (${choice.files.map((f) => f.path).join(', ')})`;
  }
}

export function makeSource(choice: ModelChoice, demo: string | undefined): web.ModelSource {
  switch (choice.kind) {
    case 'demo':
      if (!demo)
        throw new Error('There is no demo model with a trained head for this task: give a hub id or URL, or drop a checkpoint folder.');
      return new web.UrlSource(demoUrl(demo));
    case 'hub':
      return new web.WebHubSource(choice.id, { endpoint: choice.endpoint, revision: choice.revision || undefined });
    case 'url':
      return new web.UrlSource(choice.url);
    case 'files':
      return new web.FileSource(choice.files, choice.name);
  }
}

/** Hub settings for a worker (plain data), when the choice is a hub id. */
export function workerHubOptions(choice: ModelChoice): Record<string, string> {
  return choice.kind === 'hub' ? { endpoint: choice.endpoint, ...(choice.revision ? { revision: choice.revision } : {}) } : {};
}

/** What a worker can receive for the same choice (strings and Blobs only). */
export function workerRef(choice: ModelChoice, demo: string | undefined): string | { files: web.NamedFile[]; id: string } {
  switch (choice.kind) {
    case 'demo':
      if (!demo)
        throw new Error('There is no demo model with a trained head for this task: give a hub id or URL, or drop a checkpoint folder.');
      return demoUrl(demo);
    case 'hub':
      return choice.id;
    case 'url':
      return new URL(choice.url, document.baseURI).href;
    case 'files':
      return { files: choice.files, id: choice.name };
  }
}
