// Test-only: where the lengths, counts and pointers of an HDF5 file are (superblock v0, v1 object
// headers, v1 B-trees, symbol-table nodes, local heaps: what h5py writes for Keras), so that tests
// can make the files an attacker would — child pointers that point back, counts that lie — and
// fuzzers can mutate fields instead of random bytes.

export type FieldKind = 'pointer' | 'length' | 'count' | 'level';

export interface Field {
  at: number;
  size: 1 | 2 | 4 | 8;
  kind: FieldKind;
  /** what the field is, for failure messages */
  what: string;
}

export interface Hdf5Layout {
  fields: Field[];
  /** The root group's symbol-table message: where its B-tree address is written. */
  rootBtreeField: number;
  /** Addresses of the symbol-table nodes (SNOD) of the root group. */
  rootSymbolNodes: number[];
}

const UNDEFINED = 0xffffffffffffffffn;

export function readField(v: DataView, f: Pick<Field, 'at' | 'size'>): bigint {
  switch (f.size) {
    case 1:
      return BigInt(v.getUint8(f.at));
    case 2:
      return BigInt(v.getUint16(f.at, true));
    case 4:
      return BigInt(v.getUint32(f.at, true));
    case 8:
      return v.getBigUint64(f.at, true);
  }
}

/** Walks the file from the superblock through every group, dataset and attribute it reaches. */
export function hdf5Layout(bytes: Uint8Array): Hdf5Layout {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (v.getUint8(8) !== 0) throw new Error('test helper: only superblock v0 files (h5py defaults)');
  const fields: Field[] = [];
  const seen = new Set<number>();
  let rootBtreeField = -1;
  let rootSymbolNodes: number[] = [];
  const field = (at: number, size: Field['size'], kind: FieldKind, what: string) => fields.push({ at, size, kind, what });
  const u64 = (at: number) => Number(v.getBigUint64(at, true));
  const sig = (at: number) => String.fromCharCode(...bytes.subarray(at, at + 4));

  field(40, 8, 'length', 'superblock end-of-file address');
  field(64, 8, 'pointer', 'root object header');
  field(80, 8, 'pointer', 'root cached B-tree');
  field(88, 8, 'pointer', 'root cached heap');

  const heap = (at: number) => {
    if (seen.has(at) || sig(at) !== 'HEAP') return;
    seen.add(at);
    field(at + 8, 8, 'length', 'local heap data size');
    field(at + 16, 8, 'length', 'local heap free list');
    field(at + 24, 8, 'pointer', 'local heap data');
  };
  const symbolNode = (at: number) => {
    if (seen.has(at) || sig(at) !== 'SNOD') return;
    seen.add(at);
    field(at + 6, 2, 'count', 'symbol node entries');
    const n = v.getUint16(at + 6, true);
    for (let i = 0; i < n; i++) {
      const e = at + 8 + 40 * i;
      field(e, 8, 'length', 'symbol link-name offset');
      field(e + 8, 8, 'pointer', 'symbol object header');
      objectHeader(u64(e + 8));
    }
  };
  const btree = (at: number): number[] => {
    if (seen.has(at) || sig(at) !== 'TREE') return [];
    seen.add(at);
    field(at + 5, 1, 'level', 'B-tree node level');
    field(at + 6, 2, 'count', 'B-tree entries used');
    field(at + 8, 8, 'pointer', 'B-tree left sibling');
    field(at + 16, 8, 'pointer', 'B-tree right sibling');
    const level = v.getUint8(at + 5);
    const n = v.getUint16(at + 6, true);
    const leaves: number[] = [];
    for (let i = 0; i < n; i++) {
      field(at + 24 + 16 * i, 8, 'length', 'B-tree key');
      field(at + 32 + 16 * i, 8, 'pointer', 'B-tree child');
      const child = u64(at + 32 + 16 * i);
      if (level > 0) leaves.push(...btree(child));
      else {
        leaves.push(child);
        symbolNode(child);
      }
    }
    return leaves;
  };
  const message = (type: number, m: number, size: number, isRoot: boolean, blocks: [number, number][]) => {
    const d = m + 8;
    switch (type) {
      case 0x01: // dataspace
        field(d + 1, 1, 'count', 'dataspace rank');
        for (let i = 0; i < v.getUint8(d + 1); i++) field(d + (v.getUint8(d) === 1 ? 8 : 4) + 8 * i, 8, 'length', 'dataspace dimension');
        break;
      case 0x03: // datatype
        field(d + 4, 4, 'length', 'datatype size');
        break;
      case 0x08: // data layout v3, contiguous
        if (v.getUint8(d) === 3 && v.getUint8(d + 1) === 1) {
          field(d + 2, 8, 'pointer', 'dataset data address');
          field(d + 10, 8, 'length', 'dataset data size');
        }
        break;
      case 0x0c: // attribute v1
        field(d + 2, 2, 'length', 'attribute name size');
        field(d + 4, 2, 'length', 'attribute datatype size');
        field(d + 6, 2, 'length', 'attribute dataspace size');
        break;
      case 0x10: // continuation
        field(d, 8, 'pointer', 'continuation block');
        field(d + 8, 8, 'length', 'continuation length');
        blocks.push([u64(d), u64(d + 8)]);
        break;
      case 0x11: {
        // symbol table
        field(d, 8, 'pointer', 'group B-tree');
        field(d + 8, 8, 'pointer', 'group local heap');
        if (isRoot) rootBtreeField = d;
        const leaves = btree(u64(d));
        if (isRoot) rootSymbolNodes = leaves;
        heap(u64(d + 8));
        break;
      }
    }
    void size;
  };
  function objectHeader(at: number, isRoot = false) {
    if (seen.has(at) || at === Number(UNDEFINED) || at + 16 > bytes.length || v.getUint8(at) !== 1) return;
    seen.add(at);
    field(at + 2, 2, 'count', 'object header messages');
    field(at + 8, 4, 'length', 'object header size');
    const total = v.getUint16(at + 2, true);
    const blocks: [number, number][] = [[at + 16, v.getUint32(at + 8, true)]];
    let count = 0;
    for (let b = 0; b < blocks.length && count < total; b++) {
      const [start, length] = blocks[b] as [number, number];
      for (let m = start; m + 8 <= start + length && count < total; count++) {
        const type = v.getUint16(m, true);
        const size = v.getUint16(m + 2, true);
        field(m + 2, 2, 'length', `message 0x${type.toString(16)} size`);
        message(type, m, size, isRoot, blocks);
        m += 8 + size;
      }
    }
  }
  objectHeader(u64(64), true);
  if (rootBtreeField < 0) throw new Error('test helper: the root group has no symbol table');
  return { fields, rootBtreeField, rootSymbolNodes };
}

/** Where a crafted B-tree node's child points: the next node, itself, the first crafted node, a symbol node, or an address. */
export type ChildTarget = 'next' | 'self' | 'first' | 'symbols' | bigint;

/**
 * `levels` v1 B-tree nodes of `entries` children each, appended to the file and made the root
 * group's B-tree; node `k` is at level `levels - 1 - k`, child `i` of node `k` points at
 * `target(k, i)` ('next' by default, the last level's at the root group's symbol nodes). The
 * issue's 13 KB attack is 20 levels of 40 children: a reader that follows every pointer reads 40^20 nodes.
 */
export function btreeLoop(
  bytes: Uint8Array,
  levels = 20,
  entries = 40,
  target: (k: number, i: number) => ChildTarget = () => 'next',
): Uint8Array {
  const layout = hdf5Layout(bytes);
  const nodeSize = 24 + 16 * entries + 8;
  const out = new Uint8Array(bytes.length + levels * nodeSize);
  out.set(bytes);
  const v = new DataView(out.buffer);
  const nodeAt = (k: number) => bytes.length + k * nodeSize;
  const symbols = (i: number) => layout.rootSymbolNodes[i % layout.rootSymbolNodes.length] as number;
  for (let k = 0; k < levels; k++) {
    const at = nodeAt(k);
    const level = levels - 1 - k;
    out.set([0x54, 0x52, 0x45, 0x45, 0, level], at); // "TREE", group node, level
    v.setUint16(at + 6, entries, true);
    v.setBigUint64(at + 8, UNDEFINED, true);
    v.setBigUint64(at + 16, UNDEFINED, true);
    for (let i = 0; i < entries; i++) {
      v.setBigUint64(at + 24 + 16 * i, 0n, true);
      const t = level === 0 && target(k, i) === 'next' ? 'symbols' : target(k, i);
      const child =
        typeof t === 'bigint' ? t : BigInt(t === 'next' ? nodeAt(k + 1) : t === 'self' ? at : t === 'first' ? nodeAt(0) : symbols(i));
      v.setBigUint64(at + 32 + 16 * i, child, true);
    }
    v.setBigUint64(at + 24 + 16 * entries, 0n, true);
  }
  v.setBigUint64(layout.rootBtreeField, BigInt(bytes.length), true);
  v.setBigUint64(40, BigInt(out.length), true);
  return out;
}
