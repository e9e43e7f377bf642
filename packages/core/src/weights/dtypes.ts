/** Element types a weights file may hold, with safetensors' names. */
export type WeightDType = 'F64' | 'F32' | 'F16' | 'BF16' | 'I64' | 'I32' | 'I16' | 'I8' | 'U8' | 'BOOL';

export type WeightData = Float64Array | Float32Array | Uint16Array | BigInt64Array | Int32Array | Int16Array | Int8Array | Uint8Array;

export const DTYPE_BYTES: Readonly<Record<WeightDType, number>> = {
  F64: 8,
  F32: 4,
  F16: 2,
  BF16: 2,
  I64: 8,
  I32: 4,
  I16: 2,
  I8: 1,
  U8: 1,
  BOOL: 1,
};

export function isWeightDType(x: unknown): x is WeightDType {
  return typeof x === 'string' && Object.hasOwn(DTYPE_BYTES, x);
}

/** A named tensor of a checkpoint. `data` is a typed view (F16/BF16 as raw Uint16 bits). */
/** Where a tensor's bytes are in a local weights file (little-endian, as stored). */
export interface ExternalWeight {
  /** The file, relative to the folder the runtime resolves it in (`LocalFile.folder`). */
  location: string;
  offset: number;
  length: number;
}

/** One tensor of a checkpoint: dtype, shape and data (or where the data lie in a file). */
export interface WeightTensor {
  readonly dtype: WeightDType;
  readonly shape: readonly number[];
  readonly data: WeightData;
  /** Set when the tensor is read in place from a local file (`openSafetensors`). */
  readonly external?: ExternalWeight;
}

export function elementCount(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/**
 * A typed array over `bytes` without copying when the offset is aligned for the element
 * size; otherwise a copy, because JS typed arrays cannot be unaligned.
 */
export function typedView(dtype: WeightDType, bytes: Uint8Array): WeightData {
  const size = DTYPE_BYTES[dtype];
  let src = bytes;
  if (bytes.byteOffset % size !== 0) src = bytes.slice();
  const { buffer, byteOffset } = src;
  const n = src.byteLength / size;
  switch (dtype) {
    case 'F64':
      return new Float64Array(buffer, byteOffset, n);
    case 'F32':
      return new Float32Array(buffer, byteOffset, n);
    case 'F16':
    case 'BF16':
      return new Uint16Array(buffer, byteOffset, n);
    case 'I64':
      return new BigInt64Array(buffer, byteOffset, n);
    case 'I32':
      return new Int32Array(buffer, byteOffset, n);
    case 'I16':
      return new Int16Array(buffer, byteOffset, n);
    case 'I8':
      return new Int8Array(buffer, byteOffset, n);
    case 'U8':
    case 'BOOL':
      return new Uint8Array(buffer, byteOffset, n);
  }
}

/** The bytes under a typed view (shares memory). */
export function bytesOf(data: WeightData): Uint8Array {
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** An IEEE float16 bit pattern as a number. */
export function halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >> 10) & 0x1f;
  const frac = h & 0x3ff;
  if (exp === 0) return sign * frac * 2 ** -24;
  if (exp === 0x1f) return frac ? Number.NaN : sign * Number.POSITIVE_INFINITY;
  return sign * (1 + frac / 1024) * 2 ** (exp - 15);
}

/** Round-to-nearest-even float32 -> IEEE half bits. */
export function floatToHalf(v: number): number {
  f32[0] = v;
  const x = u32[0];
  const sign = (x >>> 16) & 0x8000;
  const exp = (x >>> 23) & 0xff;
  let mant = x & 0x7fffff;
  if (exp === 0xff) return sign | 0x7c00 | (mant ? 0x200 : 0);
  let e = exp - 127 + 15;
  if (e >= 0x1f) return sign | 0x7c00;
  if (e <= 0) {
    if (e < -10) return sign;
    mant |= 0x800000;
    const shift = 14 - e;
    const half = 1 << (shift - 1);
    let r = mant >> shift;
    const rem = mant & ((1 << shift) - 1);
    if (rem > half || (rem === half && r & 1)) r++;
    return sign | r;
  }
  let r = mant >> 13;
  const rem = mant & 0x1fff;
  if (rem > 0x1000 || (rem === 0x1000 && r & 1)) {
    r++;
    if (r === 0x400) {
      r = 0;
      e++;
      if (e >= 0x1f) return sign | 0x7c00;
    }
  }
  return sign | (e << 10) | r;
}

/** Round-to-nearest-even float32 -> half bits for a whole array (the per-value path, batched). */
export function floatsToHalf(src: Float32Array): Uint16Array {
  const bits = new Uint32Array(src.buffer, src.byteOffset, src.length);
  const out = new Uint16Array(src.length);
  for (let i = 0; i < src.length; i++) {
    const x = bits[i] as number;
    const exp = (x >>> 23) & 0xff;
    // normal halves: exponent 113..142; others (subnormal, overflow, NaN) take the careful path
    if (exp > 112 && exp < 143) {
      const sign = (x >>> 16) & 0x8000;
      const mant = x & 0x7fffff;
      let h = sign | ((exp - 112) << 10) | (mant >> 13);
      const rem = mant & 0x1fff;
      if (rem > 0x1000 || (rem === 0x1000 && h & 1)) h++;
      out[i] = h;
    } else {
      out[i] = floatToHalf(src[i] as number);
    }
  }
  return out;
}

/** Any floating tensor as float32 (a view when it already is one). */
export function toFloat32(t: WeightTensor): Float32Array {
  const d = t.data;
  if (t.dtype === 'F32') return d as Float32Array;
  const out = new Float32Array(d.length);
  if (t.dtype === 'F16') {
    for (let i = 0; i < d.length; i++) out[i] = halfToFloat(d[i] as number);
  } else if (t.dtype === 'BF16') {
    const bits = new Uint32Array(out.buffer);
    for (let i = 0; i < d.length; i++) bits[i] = (d[i] as number) << 16;
  } else if (t.dtype === 'I64') {
    for (let i = 0; i < d.length; i++) out[i] = Number(d[i]);
  } else {
    for (let i = 0; i < d.length; i++) out[i] = d[i] as number;
  }
  return out;
}
