import { WeightsError } from '../errors.js';
import type { RandomAccessFile } from '../runtime/source.js';
import { utf8Decode, utf8Encode } from '../text.js';
import {
  bytesOf,
  DTYPE_BYTES,
  elementCount,
  isWeightDType,
  typedView,
  type WeightData,
  type WeightDType,
  type WeightTensor,
} from './dtypes.js';
import { StateDict } from './state-dict.js';

/** Headers above this are refused before parsing: real ones are kilobytes (the Rust reader caps at 100 MB). */
const MAX_HEADER_BYTES = 100_000_000;
/** serde_json's recursion limit, which the reference reader inherits; a real header nests 3 deep. */
const MAX_HEADER_DEPTH = 128;

interface Entry {
  name: string;
  dtype: WeightDType;
  shape: number[];
  begin: number;
  end: number;
}

function fail(message: string, tensor?: string): never {
  throw new WeightsError('SAFETENSORS_INVALID', `${message} (safetensors)`, tensor);
}

function isDim(x: unknown): x is number {
  return typeof x === 'number' && Number.isSafeInteger(x) && x >= 0;
}

function parseEntry(name: string, raw: unknown): Entry {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) fail('header entry is not an object', name);
  const { dtype, shape, data_offsets: offsets } = raw as Record<string, unknown>;
  if (!isWeightDType(dtype)) fail(`unknown dtype ${JSON.stringify(dtype)}; known: ${Object.keys(DTYPE_BYTES).join(', ')}`, name);
  if (!Array.isArray(shape) || !shape.every(isDim)) fail(`shape ${JSON.stringify(shape)} is not a list of non-negative integers`, name);
  if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every(isDim)) {
    fail(`data_offsets ${JSON.stringify(offsets)} is not [begin, end]`, name);
  }
  const [begin, end] = offsets as [number, number];
  if (end < begin) fail(`data_offsets [${begin}, ${end}] end before begin`, name);
  const expected = elementCount(shape) * DTYPE_BYTES[dtype];
  if (end - begin !== expected) {
    fail(`shape [${shape.join(', ')}] of ${dtype} needs ${expected} bytes but data_offsets span ${end - begin}`, name);
  }
  return { name, dtype, shape: shape as number[], begin, end };
}

/**
 * Refuses JSON nested deeper than `MAX_HEADER_DEPTH` before `JSON.parse` sees it: parsing megabytes
 * of `[` allocates ~80 bytes per byte. One pass over the bytes; brackets inside strings do not count.
 */
function checkDepth(json: Uint8Array): void {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < json.length; i++) {
    const c = json[i];
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: the next byte is escaped
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > MAX_HEADER_DEPTH) fail(`header nests deeper than ${MAX_HEADER_DEPTH}`);
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
}

/** The header's tensors, checked against a data section of `dataLength` bytes. */
function parseHeader(json: Uint8Array, dataLength: number): { entries: Entry[]; metadata: Record<string, string> } {
  checkDepth(json);
  let header: unknown;
  try {
    header = JSON.parse(utf8Decode(json, true));
  } catch (e) {
    fail(`header is not valid UTF-8 JSON: ${(e as Error).message}`);
  }
  if (header === null || typeof header !== 'object' || Array.isArray(header)) fail('header is not a JSON object');
  // null prototype: a "__proto__" or "constructor" key is a key like any other
  const metadata: Record<string, string> = Object.create(null);
  const entries: Entry[] = [];
  for (const [name, raw] of Object.entries(header as Record<string, unknown>)) {
    if (name === '__metadata__') {
      if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) fail('__metadata__ is not an object');
      for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
        if (typeof v !== 'string') fail(`__metadata__.${k} is not a string`);
        metadata[k] = v;
      }
      continue;
    }
    entries.push(parseEntry(name, raw));
  }
  // Like the reference reader: sorted by offset, the tensors must tile the data exactly.
  entries.sort((a, b) => a.begin - b.begin || a.end - b.end);
  let cursor = 0;
  for (const e of entries) {
    if (e.begin < cursor) fail(`data_offsets [${e.begin}, ${e.end}] overlap the previous tensor (ends at ${cursor})`, e.name);
    if (e.begin > cursor) fail(`data_offsets [${e.begin}, ${e.end}] leave a gap after byte ${cursor}`, e.name);
    if (e.end > dataLength) fail(`data_offsets [${e.begin}, ${e.end}] run past the data (${dataLength} bytes)`, e.name);
    cursor = e.end;
  }
  if (cursor !== dataLength) fail(`the tensors cover ${cursor} of ${dataLength} data bytes: trailing bytes`);
  return { entries, metadata };
}

/** The header's length, checked against the file size. */
function headerLength(first8: Uint8Array, fileSize: number): number {
  if (fileSize < 8) fail(`file is ${fileSize} bytes, shorter than the 8-byte header length`);
  const headerLen = new DataView(first8.buffer, first8.byteOffset, 8).getBigUint64(0, true);
  if (headerLen > BigInt(fileSize - 8) || headerLen > BigInt(MAX_HEADER_BYTES)) {
    fail(`header length ${headerLen} is beyond the file size ${fileSize}: the file is truncated or not safetensors`);
  }
  return Number(headerLen);
}

/**
 * Parses a safetensors file. Tensors are views into `bytes` (no copy) when aligned.
 * Every offset, size and dtype is checked first: a corrupt file gives a `WeightsError`
 * naming the tensor, never an out-of-range read.
 */
export function readSafetensors(bytes: Uint8Array): StateDict {
  const n = headerLength(bytes, bytes.byteLength);
  const data = bytes.subarray(8 + n);
  const { entries, metadata } = parseHeader(bytes.subarray(8, 8 + n), data.byteLength);
  const tensors = new Map<string, WeightTensor>();
  for (const e of entries) {
    tensors.set(e.name, { dtype: e.dtype, shape: e.shape, data: typedView(e.dtype, data.subarray(e.begin, e.end)) });
  }
  return new StateDict(tensors, metadata);
}

/**
 * A safetensors file read in place: only the header now, each tensor's bytes when its `data` is
 * asked for (read again on each ask, so nothing stays held). Every tensor knows where its bytes
 * are in the file (`external`), so a graph can point at them instead of copying them.
 */
export function openSafetensors(file: RandomAccessFile, location: string): StateDict {
  const n = headerLength(file.read(0, Math.min(8, file.size)), file.size);
  const dataStart = 8 + n;
  const { entries, metadata } = parseHeader(file.read(8, n), file.size - dataStart);
  const tensors = new Map<string, WeightTensor>();
  for (const e of entries) {
    const offset = dataStart + e.begin;
    const length = e.end - e.begin;
    tensors.set(e.name, {
      dtype: e.dtype,
      shape: e.shape,
      external: { location, offset, length },
      get data() {
        return typedView(e.dtype, file.read(offset, length));
      },
    });
  }
  return new StateDict(tensors, metadata);
}

/** A tensor to write: `data` must hold exactly `shape`'s element count of `dtype`. */
export interface TensorToWrite {
  dtype: WeightDType;
  shape: readonly number[];
  data: WeightData;
}

/**
 * Writes a safetensors file. Tensors are laid out widest dtype first (then by name) and the
 * header is space-padded to 8 bytes, as the reference writer does, so every view is aligned.
 */
export function writeSafetensors(
  tensors: Map<string, TensorToWrite> | Record<string, TensorToWrite>,
  metadata?: Record<string, string>,
): Uint8Array {
  const list = [...(tensors instanceof Map ? tensors.entries() : Object.entries(tensors))];
  list.sort(([na, a], [nb, b]) => DTYPE_BYTES[b.dtype] - DTYPE_BYTES[a.dtype] || (na < nb ? -1 : na > nb ? 1 : 0));
  const header: Record<string, unknown> = {};
  if (metadata !== undefined) header.__metadata__ = metadata;
  let offset = 0;
  for (const [name, t] of list) {
    if (name === '__metadata__') fail('"__metadata__" is reserved and cannot name a tensor', name);
    const bytes = elementCount(t.shape) * DTYPE_BYTES[t.dtype];
    if (t.data.byteLength !== bytes) fail(`data has ${t.data.byteLength} bytes, shape needs ${bytes}`, name);
    header[name] = { dtype: t.dtype, shape: [...t.shape], data_offsets: [offset, offset + bytes] };
    offset += bytes;
  }
  let json = utf8Encode(JSON.stringify(header));
  const padded = Math.ceil(json.byteLength / 8) * 8;
  if (padded !== json.byteLength) {
    const p = new Uint8Array(padded).fill(0x20);
    p.set(json);
    json = p;
  }
  const out = new Uint8Array(8 + json.byteLength + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(json.byteLength), true);
  out.set(json, 8);
  let at = 8 + json.byteLength;
  for (const [, t] of list) {
    out.set(bytesOf(t.data), at);
    at += t.data.byteLength;
  }
  return out;
}
