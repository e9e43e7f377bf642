// Test-only: hand-written torch.save archives (a zip around a pickle), byte by byte, so that tests can
// make the files an attacker would: lying strides, storages of any size, entries that inflate to
// gigabytes, every length and offset of the zip under the test's control.

const utf8 = (s: string) => new TextEncoder().encode(s);

/** Pickle protocol 2, the opcodes torch.save uses. */
export class PickleWriter {
  private readonly out: number[] = [0x80, 0x02];

  private push(...b: number[]): this {
    for (const x of b) this.out.push(x);
    return this;
  }
  private u32(n: number): this {
    return this.push(n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff);
  }
  global(module: string, name: string): this {
    return this.push(0x63, ...utf8(`${module}\n${name}\n`));
  }
  mark(): this {
    return this.push(0x28);
  }
  tuple(): this {
    return this.push(0x74);
  }
  emptyTuple(): this {
    return this.push(0x29);
  }
  reduce(): this {
    return this.push(0x52);
  }
  setItems(): this {
    return this.push(0x75);
  }
  persistentId(): this {
    return this.push(0x51);
  }
  false(): this {
    return this.push(0x89);
  }
  put(i: number): this {
    return this.push(0x71, i);
  }
  get(i: number): this {
    return this.push(0x68, i);
  }
  stop(): Uint8Array {
    this.push(0x2e);
    return new Uint8Array(this.out);
  }
  str(s: string): this {
    const b = utf8(s);
    return this.push(0x58)
      .u32(b.length)
      .push(...b);
  }
  /** Any non-negative integer: BININT below 2^31, LONG1 above. */
  int(n: number): this {
    if (n < 2 ** 31) return this.push(0x4a).u32(n);
    const bytes: number[] = [];
    let v = BigInt(n);
    while (v > 0n) {
      bytes.push(Number(v & 0xffn));
      v >>= 8n;
    }
    if ((bytes.at(-1) as number) & 0x80) bytes.push(0);
    return this.push(0x8a, bytes.length, ...bytes);
  }
  ints(values: readonly number[]): this {
    this.mark();
    for (const v of values) this.int(v);
    return this.tuple();
  }
  /** `collections.OrderedDict()` */
  orderedDict(): this {
    return this.global('collections', 'OrderedDict').emptyTuple().reduce();
  }
}

export interface TensorSpec {
  name: string;
  /** storage key: the entry `data/<key>` */
  key: string;
  storage?: string;
  /** numel written in the persistent id */
  numel: number;
  offset?: number;
  shape: readonly number[];
  stride: readonly number[];
}

/**
 * `pickle` of `OrderedDict(name -> _rebuild_tensor_v2(storage, offset, shape, stride, False, OrderedDict()))`.
 * `replays` more entries rebuild the first tensor again from its memoised function and arguments
 * (three bytes each), as a small pickle can ask for a tensor many times.
 */
export function stateDictPickle(tensors: readonly TensorSpec[], replays = 0): Uint8Array {
  const p = new PickleWriter().orderedDict().mark();
  for (const [i, t] of tensors.entries()) {
    p.str(t.name).global('torch._utils', '_rebuild_tensor_v2');
    if (i === 0) p.put(0);
    p.mark()
      .mark()
      .str('storage')
      .global('torch', t.storage ?? 'FloatStorage')
      .str(t.key)
      .str('cpu')
      .int(t.numel)
      .tuple()
      .persistentId();
    p.int(t.offset ?? 0)
      .ints(t.shape)
      .ints(t.stride)
      .false()
      .orderedDict()
      .tuple();
    if (i === 0) p.put(1);
    p.reduce();
  }
  for (let r = 0; r < replays && tensors.length > 0; r++) p.str(`${tensors[0]?.name}~${r}`).get(0).get(1).reduce();
  return p.setItems().stop();
}

/** The 515-byte file: one float of storage read as 2^27 floats with stride 0, `copies` times (memoised). */
export function strideBombPickle(copies: number): Uint8Array {
  return stateDictPickle([{ name: 't0', key: '0', numel: 1, shape: [2 ** 27], stride: [0] }], copies - 1);
}

// ---- zip ----

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

export function crc32(b: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < b.length; i++) c = (CRC_TABLE[(c ^ (b[i] as number)) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export interface ZipEntry {
  name: string;
  /** the bytes as stored in the archive (already deflated when `method` is 8) */
  data: Uint8Array;
  /** 0 stored (default), 8 deflated */
  method?: 0 | 8;
  /** the uncompressed size written in the headers (default: the stored length) */
  size?: number;
  crc?: number;
}

/** Where the fields of each entry are in an archive written by `zip`, for structure-aware mutations. */
export interface ZipLayout {
  bytes: Uint8Array;
  /** offsets of each entry's local header and central-directory record */
  entries: { local: number; central: number; data: number }[];
  /** offset of the end-of-central-directory record */
  end: number;
}

/**
 * A zip archive of `entries` (no zip64), with its layout. Entry data starts on a multiple of
 * `align` bytes (torch.save aligns to 64 with padding in the local header's extra field).
 */
export function zip(entries: readonly ZipEntry[], align = 64): ZipLayout {
  const chunks: Uint8Array[] = [];
  let at = 0;
  const add = (b: Uint8Array) => {
    chunks.push(b);
    at += b.length;
  };
  const header = (size: number) => {
    const b = new Uint8Array(size);
    return { b, v: new DataView(b.buffer) };
  };
  const layout: ZipLayout['entries'] = [];
  const central: Uint8Array[] = [];
  for (const e of entries) {
    const name = utf8(e.name);
    const method = e.method ?? 0;
    const size = e.size ?? e.data.length;
    const crc = e.crc ?? (method === 0 ? crc32(e.data) : 0);
    const local = at;
    let pad = (align - ((at + 30 + name.length) % align)) % align;
    if (pad > 0 && pad < 4) pad += align;
    const { b: lh, v: l } = header(30 + name.length + pad);
    l.setUint32(0, 0x04034b50, true);
    l.setUint16(4, 20, true);
    l.setUint16(8, method, true);
    l.setUint32(14, crc, true);
    l.setUint32(18, e.data.length, true);
    l.setUint32(22, size, true);
    l.setUint16(26, name.length, true);
    l.setUint16(28, pad, true);
    lh.set(name, 30);
    if (pad > 0) {
      l.setUint16(30 + name.length, 0x4246, true); // "FB", torch's padding field
      l.setUint16(32 + name.length, pad - 4, true);
    }
    add(lh);
    layout.push({ local, central: 0, data: at });
    add(e.data);
    const { b: ch, v: c } = header(46 + name.length);
    c.setUint32(0, 0x02014b50, true);
    c.setUint16(4, 20, true);
    c.setUint16(6, 20, true);
    c.setUint16(10, method, true);
    c.setUint32(16, crc, true);
    c.setUint32(20, e.data.length, true);
    c.setUint32(24, size, true);
    c.setUint16(28, name.length, true);
    c.setUint32(42, local, true);
    ch.set(name, 46);
    central.push(ch);
  }
  const cdStart = at;
  for (const [i, ch] of central.entries()) {
    (layout[i] as ZipLayout['entries'][number]).central = at;
    add(ch);
  }
  const end = at;
  const { b: eh, v: e } = header(22);
  e.setUint32(0, 0x06054b50, true);
  e.setUint16(8, entries.length, true);
  e.setUint16(10, entries.length, true);
  e.setUint32(12, end - cdStart, true);
  e.setUint32(16, cdStart, true);
  add(eh);
  const bytes = new Uint8Array(at);
  let o = 0;
  for (const c of chunks) {
    bytes.set(c, o);
    o += c.length;
  }
  return { bytes, entries: layout, end };
}

/** The entries of a torch archive named `archive/...`: data.pkl, byteorder, then the storages. */
export function torchEntries(pickle: Uint8Array, storages: Record<string, Uint8Array>): ZipEntry[] {
  return [
    { name: 'archive/data.pkl', data: pickle },
    { name: 'archive/byteorder', data: utf8('little') },
    ...Object.entries(storages).map(([key, data]) => ({ name: `archive/data/${key}`, data })),
  ];
}

/**
 * A raw deflate stream that inflates to `1 + 258 * copies` zero bytes at 2 bits per 258 bytes (a
 * dynamic Huffman block where the length 258 and the distance 1 have 1-bit codes): how a 1 MB entry
 * holds a gigabyte. Built directly, so the test never holds the inflated bytes.
 */
export function deflatedZeros(copies: number): { data: Uint8Array; size: number } {
  const headerBits = 200;
  const out = new Uint8Array(Math.ceil((headerBits + 2 * copies + 8) / 8) + 1);
  let bit = 0;
  const bits = (value: number, n: number) => {
    // fields are packed least-significant bit first
    for (let i = 0; i < n; i++, bit++) if ((value >> i) & 1) out[bit >> 3] = (out[bit >> 3] as number) | (1 << (bit & 7));
  };
  const code = (c: number, n: number) => {
    // Huffman codes are packed most-significant bit first
    for (let i = n - 1; i >= 0; i--, bit++) if ((c >> i) & 1) out[bit >> 3] = (out[bit >> 3] as number) | (1 << (bit & 7));
  };
  bits(1, 1); // final block
  bits(2, 2); // dynamic Huffman
  bits(286 - 257, 5); // HLIT: literal/length codes 0..285
  bits(0, 5); // HDIST: one distance code
  bits(18 - 4, 4); // HCLEN: code-length codes in the order 16,17,18,0,8,7,9,6,10,5,11,4,12,3,13,2,14,1
  // code-length code lengths: 18 -> 1 bit ("0"), 1 -> 2 bits ("10"), 2 -> 2 bits ("11")
  const order = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1];
  const clen: Record<number, number> = { 18: 1, 1: 2, 2: 2 };
  for (const s of order) bits(clen[s] ?? 0, 3);
  const len1 = () => code(0b10, 2);
  const len2 = () => code(0b11, 2);
  const zeros = (n: number) => {
    code(0, 1);
    bits(n - 11, 7);
  };
  // literal/length lengths: 0 -> 2, 1..255 -> 0, 256 -> 2, 257..284 -> 0, 285 -> 1; distance 0 -> 1
  len2();
  zeros(138);
  zeros(117);
  len2();
  zeros(28);
  len1();
  len1();
  // literal/length codes: 285 "0", 0 "10", 256 "11"; distance 0 "0"
  code(0b10, 2); // one literal zero
  bit += 2 * copies; // (258, distance 1) pairs are "0" "0": already zero bits
  code(0b11, 2); // end of block
  return { data: out.subarray(0, Math.ceil(bit / 8)), size: 1 + 258 * copies };
}
