// Bounds around jsfive (0.4.x), which follows whatever an HDF5 file points at: its v1 B-tree reader
// reads every child of every node, so 13 KB of nodes whose children all point at the next node make
// it read 40^20 nodes. Here a group's links are read by our own code (a visited set: each node once)
// and every structure read is charged to a per-file budget proportional to the file's size, so a
// file cannot make the reader do more work than its bytes justify, however its pointers are arranged.
import * as jsfive from 'jsfive';
import { WeightsError } from '../errors.js';
import { utf8Decode } from '../text.js';

/** The parts of jsfive's (untyped) data-object class this module and hdf5.ts use. */
export interface JsfiveDataObjects {
  readonly fh: ArrayBuffer;
  readonly msgs: Map<string, number>[];
  readonly msg_data: ArrayBuffer;
  readonly dtype: unknown;
  readonly shape: number[];
  readonly is_dataset: boolean;
  _attr_value(dtype: unknown, buf: ArrayBuffer, count: number, offset: number): unknown;
  find_msg_type(type: number): Map<string, number>[];
  _get_data_message_properties(msgOffset: number): [number, number | undefined, number, number];
  get_links(): Record<string, number | string>;
  get_attributes(): Record<string, unknown>;
}
export type JsfiveDataObjectsCtor = new (fh: ArrayBuffer, address: number) => JsfiveDataObjects;
interface JsfiveFile {
  readonly _dataobjects: JsfiveDataObjects;
}
type JsfiveFileCtor = new (buffer: ArrayBuffer, name: string) => JsfiveFile;

export function hdf5Error(message: string, tensor?: string, cause?: unknown): never {
  throw new WeightsError('HDF5_INVALID', `${message} (tf_model.h5)`, tensor, cause === undefined ? undefined : { cause });
}

/** Work allowed per byte of file: a valid file reads each structure once, a few times its size at most. */
const WORK_PER_BYTE = 8;
const WORK_FLOOR = 1 << 20;

/** The work left for a file, by its buffer (jsfive's data objects know only the buffer). */
const budgets = new WeakMap<ArrayBuffer, { left: number }>();

/** Starts the budget of a file about to be read. */
export function startBudget(fh: ArrayBuffer): void {
  budgets.set(fh, { left: WORK_PER_BYTE * fh.byteLength + WORK_FLOOR });
}

/** Charges `units` (bytes read, roughly) to the file's budget. */
export function charge(fh: ArrayBuffer, units: number): void {
  let b = budgets.get(fh);
  if (b === undefined) {
    startBudget(fh);
    b = budgets.get(fh) as { left: number };
  }
  b.left -= units;
  if (b.left < 0) {
    hdf5Error(
      `the file's structures point at one another more than a file of ${fh.byteLength} bytes can hold (shared or looping B-tree nodes, heaps or headers): it is corrupt or crafted`,
    );
  }
}

/** What reading one data-object header cost: its first block, copied by jsfive, and each message. */
export function chargeObjectHeader(d: JsfiveDataObjects): void {
  charge(d.fh, d.msg_data.byteLength + 8 * d.msgs.length);
}

/**
 * The links of an old-style group: a v1 B-tree (level by level, as jsfive orders them) whose
 * leaves are symbol-table nodes, whose entries name their link in the local heap. Each node is
 * read once; a second visit is a loop and refused.
 */
export function* groupLinksV1(fh: ArrayBuffer, btree: number, heap: number): Generator<[string, number | string]> {
  const bytes = new Uint8Array(fh);
  const v = new DataView(fh);
  const n = bytes.length;
  const within = (at: number, size: number, what: string) => {
    if (!(Number.isSafeInteger(at) && at >= 0 && at + size <= n)) hdf5Error(`${what} at byte ${at} runs past the end of the file`);
  };
  const signature = (at: number, sig: string, what: string) => {
    within(at, 8, what);
    if (String.fromCharCode(...bytes.subarray(at, at + 4)) !== sig) hdf5Error(`${what} at byte ${at} has no "${sig}" signature`);
  };
  const u64 = (at: number) => Number(v.getBigUint64(at, true));

  signature(heap, 'HEAP', "the group's local heap");
  within(heap, 32, "the group's local heap");
  charge(fh, 32);
  const dataSize = u64(heap + 8);
  const dataAt = u64(heap + 24);
  within(dataAt, dataSize, "the local heap's data");
  const names = bytes.subarray(dataAt, dataAt + dataSize);
  const nameAt = (offset: number): string => {
    const end = offset < names.length ? names.indexOf(0, offset) : -1;
    if (end < 0) hdf5Error(`a link name at heap offset ${offset} is not inside the group's heap`);
    charge(fh, end - offset + 1);
    return utf8Decode(names.subarray(offset, end));
  };

  const visited = new Set<number>();
  const visit = (at: number, what: string) => {
    if (visited.has(at)) hdf5Error(`the group's B-tree reaches ${what} at byte ${at} twice: its child pointers loop or share nodes`);
    visited.add(at);
  };
  let level: number | undefined;
  let nodes = [btree];
  const leaves: number[] = [];
  while (nodes.length > 0) {
    const children: number[] = [];
    let nodeLevel = 0;
    for (const at of nodes) {
      visit(at, 'a node');
      signature(at, 'TREE', 'a group B-tree node');
      within(at, 24, 'a group B-tree node');
      if (bytes[at + 4] !== 0) hdf5Error(`the B-tree node at byte ${at} is not a group node (type ${bytes[at + 4]})`);
      nodeLevel = bytes[at + 5] as number;
      if (level !== undefined && nodeLevel !== level) hdf5Error(`the B-tree node at byte ${at} is at level ${nodeLevel}, not ${level}`);
      const entries = v.getUint16(at + 6, true);
      const size = 24 + 16 * entries + 8;
      within(at, size, 'a group B-tree node');
      charge(fh, size);
      for (let i = 0; i < entries; i++) (nodeLevel > 0 ? children : leaves).push(u64(at + 32 + 16 * i));
    }
    level = nodeLevel - 1;
    nodes = children;
  }
  for (const at of leaves) {
    visit(at, 'a symbol-table node');
    signature(at, 'SNOD', 'a symbol-table node');
    const symbols = v.getUint16(at + 6, true);
    within(at, 8 + 40 * symbols, 'a symbol-table node');
    charge(fh, 8 + 40 * symbols);
    for (let i = 0; i < symbols; i++) {
      const e = at + 8 + 40 * i;
      const cacheType = v.getUint32(e + 16, true);
      // cache types 0 and 1 are hard links to an object header, 2 a soft link whose path is in the heap
      if (cacheType === 0 || cacheType === 1) yield [nameAt(u64(e)), u64(e + 8)];
      else if (cacheType === 2) yield [nameAt(u64(e)), nameAt(v.getUint32(e + 24, true))];
    }
  }
}

/**
 * The smallest HDF5 file jsfive opens: superblock v0, a root symbol-table entry, an empty v1
 * object header. Opening it hands over jsfive's data-object class, which its package does not export.
 */
function emptyFile(): ArrayBuffer {
  const b = new Uint8Array(112);
  const v = new DataView(b.buffer);
  b.set([0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a]);
  b[13] = 8; // size of offsets
  b[14] = 8; // size of lengths
  v.setUint16(16, 4, true); // group leaf node K
  v.setUint16(18, 16, true); // group internal node K
  v.setBigUint64(40, 112n, true); // end of file
  v.setBigUint64(48, 0xffffffffffffffffn, true); // no driver information block
  v.setBigUint64(64, 96n, true); // root object header
  b[96] = 1; // object header v1, no messages
  v.setUint32(100, 1, true);
  return b.buffer;
}

let dataObjects: JsfiveDataObjectsCtor | undefined;

/**
 * jsfive's File and data-object classes, with the group readers replaced: v1 groups by
 * `groupLinksV1`, v2 ("dense", HDF5 1.8) groups refused — jsfive reads their B-trees and fractal
 * heaps without bounds either, and Keras (h5py's default file format) never writes them.
 */
export function jsfiveClasses(): { File: JsfiveFileCtor; DataObjects: JsfiveDataObjectsCtor } {
  const File = (jsfive as unknown as { File: JsfiveFileCtor }).File;
  if (dataObjects === undefined) {
    const proto = Object.getPrototypeOf(new File(emptyFile(), 'empty.h5')._dataobjects) as Record<string, unknown>;
    proto._iter_links_btree_v1 = function (this: JsfiveDataObjects, btree: number, heap: number) {
      return groupLinksV1(this.fh, btree, heap);
    };
    proto._iter_links_btree_v2 = () =>
      hdf5Error(
        'a group is stored as a v2 B-tree with a fractal heap (HDF5 1.8 dense links), which is not read; Keras files use symbol tables',
      );
    const vlen = proto._vlen_size_and_data as (
      this: JsfiveDataObjects & { _global_heaps: Record<number, unknown> },
      buf: ArrayBuffer,
      offset: number,
    ) => unknown;
    // jsfive copies each global heap collection it meets: charge the copy once per collection
    proto._vlen_size_and_data = function (
      this: JsfiveDataObjects & { _global_heaps: Record<number, unknown> },
      buf: ArrayBuffer,
      offset: number,
    ) {
      const v = new DataView(buf);
      if (offset + 12 <= v.byteLength) {
        const address = Number(v.getBigUint64(offset + 4, true));
        if (!Object.hasOwn(this._global_heaps, address) && address + 16 <= v.byteLength) {
          charge(this.fh, Math.min(Number(v.getBigUint64(address + 8, true)), v.byteLength - address));
        }
      }
      return vlen.call(this, buf, offset);
    };
    dataObjects = proto.constructor as JsfiveDataObjectsCtor;
  }
  return { File, DataObjects: dataObjects };
}
