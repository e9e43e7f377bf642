// The zip container of `pytorch_model.bin`, read from its central directory: no entry is inflated
// until the unpickler asks for it, and none beyond the size its header declares. (Inflating the
// whole archive up front let a 1 MB file with an unused entry take a gigabyte.)
import { inflateSync } from 'fflate';
import { WeightsError } from '../errors.js';
import { utf8Decode } from '../text.js';

/** Deflate's best case: a 258-byte match per 2 bits. A header declaring more than this from its compressed size lies. */
const MAX_DEFLATE_RATIO = 1032;

const END_OF_DIRECTORY = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_END = 0x06064b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const U32_MAX = 0xffffffff;

export interface ZipEntry {
  readonly name: string;
  /** 0 stored, 8 deflated */
  readonly method: number;
  readonly compressedSize: number;
  /** the uncompressed size the headers declare */
  readonly size: number;
  readonly localHeader: number;
}

function fail(message: string): never {
  throw new WeightsError('ZIP_INVALID', `${message} (pytorch_model.bin)`);
}

/** A zip archive over `bytes`: the directory is read when opened, entries on request. */
export class ZipArchive {
  private readonly entries = new Map<string, ZipEntry>();
  private readonly view: DataView;

  private constructor(private readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  /** Reads the central directory; throws `ZIP_INVALID` when `bytes` is not a zip archive or lies about its layout. */
  static open(bytes: Uint8Array): ZipArchive {
    const zip = new ZipArchive(bytes);
    zip.readDirectory();
    return zip;
  }

  /** Entry names in directory order. */
  get names(): string[] {
    return [...this.entries.keys()];
  }

  entry(name: string): ZipEntry | undefined {
    return this.entries.get(name);
  }

  /**
   * The entry's bytes: a view when stored; when deflated, inflated into exactly its declared size,
   * or only its first `upTo` bytes (inflation stops there).
   */
  read(name: string, upTo?: number): Uint8Array {
    const e = this.entries.get(name);
    if (e === undefined) fail(`the archive has no entry "${name}"`);
    const v = this.view;
    const at = e.localHeader;
    if (at + 30 > v.byteLength || v.getUint32(at, true) !== LOCAL_HEADER) fail(`entry "${name}" has no local header at byte ${at}`);
    const start = at + 30 + v.getUint16(at + 26, true) + v.getUint16(at + 28, true);
    const end = start + e.compressedSize;
    if (end > v.byteLength) fail(`entry "${name}" runs past the end of the file: the file is truncated`);
    const data = this.bytes.subarray(start, end);
    if (e.method === 0) return data;
    const prefix = upTo !== undefined && upTo < e.size;
    // One byte of room beyond the declared size tells a stream that inflates to more from one that fits.
    const room = prefix ? upTo : e.size + 1;
    let out: Uint8Array;
    try {
      out = inflateSync(data, { out: new Uint8Array(room) });
    } catch (err) {
      return fail(`entry "${name}" is not valid deflate data: ${(err as Error)?.message ?? String(err)}`);
    }
    if (prefix ? out.length !== upTo : out.length !== e.size) {
      fail(`entry "${name}" inflates to ${out.length > e.size ? 'more' : out.length} bytes, not the ${e.size} its header declares`);
    }
    return out.subarray(0, e.size);
  }

  private readDirectory(): void {
    const v = this.view;
    const n = v.byteLength;
    let eocd = -1;
    for (let i = n - 22; i >= Math.max(0, n - 22 - 0xffff); i--) {
      if (v.getUint32(i, true) === END_OF_DIRECTORY) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) fail('no end-of-central-directory record: not a zip archive');
    if (v.getUint16(eocd + 4, true) !== 0 || v.getUint16(eocd + 6, true) !== 0) fail('multi-part archives are not supported');
    let count = v.getUint16(eocd + 10, true);
    let dirSize = v.getUint32(eocd + 12, true);
    let dirStart = v.getUint32(eocd + 16, true);
    let dirEnd = eocd;
    if (count === 0xffff || dirSize === U32_MAX || dirStart === U32_MAX) {
      const locator = eocd - 20;
      if (locator < 0 || v.getUint32(locator, true) !== ZIP64_LOCATOR) fail('a zip64 archive without its zip64 locator');
      const at = this.u64(locator + 8, 'zip64 end record offset');
      if (at + 56 > locator || v.getUint32(at, true) !== ZIP64_END) fail('the zip64 end record is not where its locator points');
      count = this.u64(at + 32, 'entry count');
      dirSize = this.u64(at + 40, 'directory size');
      dirStart = this.u64(at + 48, 'directory offset');
      dirEnd = at;
    }
    if (dirStart + dirSize > dirEnd) fail(`the central directory [${dirStart}, +${dirSize}) overlaps its end record at byte ${dirEnd}`);
    if (count * 46 > dirSize) fail(`the central directory of ${dirSize} bytes cannot hold the ${count} entries it declares`);
    let p = dirStart;
    for (let i = 0; i < count; i++) {
      if (p + 46 > dirStart + dirSize || v.getUint32(p, true) !== DIRECTORY_ENTRY) fail(`central directory entry ${i} is corrupt`);
      const nameLength = v.getUint16(p + 28, true);
      const extraLength = v.getUint16(p + 30, true);
      const next = p + 46 + nameLength + extraLength + v.getUint16(p + 32, true);
      if (next > dirStart + dirSize) fail(`central directory entry ${i} runs past the directory`);
      const name = utf8Decode(this.bytes.subarray(p + 46, p + 46 + nameLength));
      if (v.getUint16(p + 8, true) & 1) fail(`entry "${name}" is encrypted`);
      const entry = this.entryAt(p, name, p + 46 + nameLength, extraLength);
      if (this.entries.has(name)) fail(`entry "${name}" appears twice: zip readers would disagree on which one counts`);
      this.entries.set(name, entry);
      p = next;
    }
  }

  /** A directory record's sizes and offset, with their zip64 forms (extra field 0x0001) where the 32-bit fields overflow. */
  private entryAt(p: number, name: string, extra: number, extraLength: number): ZipEntry {
    const v = this.view;
    const method = v.getUint16(p + 10, true);
    let compressedSize = v.getUint32(p + 20, true);
    let size = v.getUint32(p + 24, true);
    let localHeader = v.getUint32(p + 42, true);
    if (size === U32_MAX || compressedSize === U32_MAX || localHeader === U32_MAX) {
      let zip64 = -1;
      for (let x = extra; x + 4 <= extra + extraLength; x += 4 + v.getUint16(x + 2, true)) {
        if (v.getUint16(x, true) === 1) zip64 = x + 4;
      }
      if (zip64 < 0) fail(`entry "${name}" has 32-bit sizes at their maximum but no zip64 extra field`);
      let f = zip64;
      const next = (what: string) => {
        const value = this.u64(f, `${what} of "${name}"`);
        f += 8;
        return value;
      };
      if (size === U32_MAX) size = next('size');
      if (compressedSize === U32_MAX) compressedSize = next('compressed size');
      if (localHeader === U32_MAX) localHeader = next('local header offset');
      if (f > extra + extraLength) fail(`the zip64 extra field of "${name}" is shorter than its sizes`);
    }
    if (method !== 0 && method !== 8) fail(`entry "${name}" uses compression method ${method}; only stored (0) and deflated (8) are read`);
    if (method === 0 && size !== compressedSize) fail(`stored entry "${name}" declares ${size} bytes but holds ${compressedSize}`);
    if (method === 8 && size > compressedSize * MAX_DEFLATE_RATIO) {
      fail(`entry "${name}" declares ${size} bytes from ${compressedSize} deflated bytes, more than deflate can produce`);
    }
    if (localHeader + 30 + compressedSize > v.byteLength) fail(`entry "${name}" runs past the end of the file: the file is truncated`);
    return { name, method, compressedSize, size, localHeader };
  }

  private u64(at: number, what: string): number {
    if (at + 8 > this.view.byteLength) fail(`the ${what} runs past the end of the file`);
    const x = this.view.getBigUint64(at, true);
    if (x > BigInt(Number.MAX_SAFE_INTEGER)) fail(`the ${what} (${x}) is beyond any file size`);
    return Number(x);
  }
}
