import { CoreError } from '../errors.js';
import { utf8Encode } from '../text.js';
import type { StateDict } from '../weights/state-dict.js';
/**
 * Where a model's files come from (a directory, a URL prefix, a cache), named by their path
 * inside the model folder: `config.json`, `model.safetensors`, `onnx/model.onnx`.
 */
export interface ModelSource {
  /** For messages: the directory or URL the files come from. */
  readonly id: string;
  /** Whether the model has this file. */
  exists(name: string): Promise<boolean>;
  /** The whole file; rejects when it does not exist. */
  read(name: string): Promise<Uint8Array>;
  /**
   * The file as a local file read in place, when the platform has files (Node: a folder, the
   * hub cache); undefined when it is not one. Lets a weights file be read part by part and
   * ONNX Runtime read the weights from it directly.
   */
  openLocal?(name: string): Promise<LocalFile | undefined>;
  /**
   * What names the file's content without reading it (a URL with its ETag or Last-Modified and
   * length), when the source can tell; the graph cache then keys on it instead of the file's
   * sha256, so a revisit with the graph cached does not download the weights at all.
   */
  identity?(name: string): Promise<string | undefined>;
}

/** Synchronous reads of parts of a file (tensors are read while a graph is built, synchronously). */
export interface RandomAccessFile {
  readonly size: number;
  /** `length` bytes from `offset`. */
  read(offset: number, length: number): Uint8Array;
  /** Closes the file. */
  close(): void;
}

/** A model file on the local disk. */
export interface LocalFile {
  file: RandomAccessFile;
  /** The folder ONNX Runtime resolves external-data locations against. */
  folder: string;
  /** The file's path relative to `folder` (no `..`, as ONNX Runtime requires). */
  location: string;
  /**
   * Changes whenever the content may have (real path, size, modification time, inode): the graph
   * cache keys on it instead of hashing the whole file.
   */
  identity: string;
  /**
   * The file parsed as safetensors in place (`openSafetensors(file, location)`). The source calls
   * the reader, not the loader, so that bundles for browsers (no local files) leave it out.
   */
  openSafetensors(): StateDict;
}

/** A source over files held in memory (tests, bundlers, uploads). */
export class MemorySource implements ModelSource {
  readonly id: string;
  private readonly files: Map<string, Uint8Array>;

  constructor(files: Record<string, Uint8Array | string> | Map<string, Uint8Array | string>, id = 'memory') {
    this.id = id;
    const entries = files instanceof Map ? [...files] : Object.entries(files);
    this.files = new Map(entries.map(([k, v]) => [k, typeof v === 'string' ? utf8Encode(v) : v]));
  }

  async exists(name: string): Promise<boolean> {
    return this.files.has(name);
  }

  async read(name: string): Promise<Uint8Array> {
    const f = this.files.get(name);
    if (f === undefined) throw new CoreError('MODEL_FILES_MISSING', `${this.id}: no file "${name}"`);
    return f;
  }
}
