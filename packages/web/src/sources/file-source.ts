import { checkFilename, type ModelSource } from '@convbert/core';
import { WebError } from '../errors.js';

/** A file and its path inside the model folder (`config.json`, `onnx/model.onnx`). */
export interface NamedFile {
  path: string;
  file: Blob;
}

function isNamed(x: unknown): x is NamedFile {
  return typeof x === 'object' && x !== null && 'path' in x && 'file' in x;
}

/**
 * Where a picked file sits in the model folder. A folder picked with `<input webkitdirectory>`
 * gives `my-model/config.json`: the first segment is the folder itself and is dropped.
 */
function pathOf(file: File): string {
  const rel = file.webkitRelativePath;
  if (rel?.includes('/')) return rel.slice(rel.indexOf('/') + 1);
  return file.name;
}

/**
 * A model folder the user picked or dropped: `File`s (from `<input type="file" multiple>` or
 * `<input webkitdirectory>`), or `{ path, file }` pairs (see `filesFromDataTransfer`).
 */
export class FileSource implements ModelSource {
  readonly id: string;
  private readonly files = new Map<string, Blob>();

  constructor(files: Iterable<File | NamedFile> | ArrayLike<File>, id = 'dropped files') {
    this.id = id;
    const list = Array.from(files as Iterable<File | NamedFile>);
    for (const entry of list) {
      const [path, blob] = isNamed(entry) ? [entry.path, entry.file] : [pathOf(entry), entry];
      checkFilename(path);
      this.files.set(path, blob);
    }
    if (this.files.size === 0)
      throw new WebError('INVALID_ARGUMENT', 'FileSource got no files: pick the model folder (config.json, vocab.txt, model.safetensors)');
  }

  /** The paths held, sorted. */
  get names(): string[] {
    return [...this.files.keys()].sort();
  }

  /** Whether the dropped files include this one. */
  async exists(name: string): Promise<boolean> {
    return this.files.has(name);
  }

  async read(name: string): Promise<Uint8Array> {
    const f = this.files.get(name);
    if (f === undefined) throw new WebError('MODEL_FILES_MISSING', `${this.id}: no file "${name}" (have: ${this.names.join(', ')})`);
    return new Uint8Array(await f.arrayBuffer());
  }
}

// The File System Entry API of drag and drop, as far as it is used here.
interface EntryLike {
  isFile: boolean;
  isDirectory: boolean;
  name: string;
  file?(ok: (f: File) => void, fail: (e: unknown) => void): void;
  createReader?(): { readEntries(ok: (e: EntryLike[]) => void, fail: (e: unknown) => void): void };
}

async function walk(entry: EntryLike, prefix: string, out: NamedFile[]): Promise<void> {
  if (entry.isFile && entry.file) {
    const file = await new Promise<File>((ok, fail) => entry.file?.(ok, fail));
    out.push({ path: prefix + entry.name, file });
    return;
  }
  if (entry.isDirectory && entry.createReader) {
    const reader = entry.createReader();
    // readEntries returns at most ~100 entries per call: read until it returns none.
    for (;;) {
      const batch = await new Promise<EntryLike[]>((ok, fail) => reader.readEntries(ok, fail));
      if (batch.length === 0) break;
      for (const child of batch) await walk(child, `${prefix}${entry.name}/`, out);
    }
  }
}

/**
 * The files of a drop (`event.dataTransfer`), folders walked. A single dropped folder becomes
 * the model folder (its name is dropped from the paths); loose files keep their names.
 */
export async function filesFromDataTransfer(dataTransfer: DataTransfer): Promise<NamedFile[]> {
  const entries: EntryLike[] = [];
  for (const item of Array.from(dataTransfer.items)) {
    const entry = (item as { webkitGetAsEntry?: () => EntryLike | null }).webkitGetAsEntry?.();
    if (entry) entries.push(entry);
  }
  if (entries.length === 0) return Array.from(dataTransfer.files).map((file) => ({ path: file.name, file }));
  const out: NamedFile[] = [];
  for (const e of entries) await walk(e, '', out);
  if (entries.length === 1 && entries[0]?.isDirectory) {
    const strip = `${entries[0].name}/`;
    return out.map((f) => ({ path: f.path.slice(strip.length), file: f.file }));
  }
  return out;
}
