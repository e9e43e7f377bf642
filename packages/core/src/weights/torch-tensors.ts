// `torch._utils._rebuild_tensor_v2(storage, offset, size, stride, ...)` over the bytes of a torch
// archive. The size and strides are checked against the storage before anything is allocated: a
// tensor with more elements than its storage holds (stride 0 over one float claiming 2^27 of them)
// is refused, and every copy (strided or unaligned tensors) is charged to a budget of the
// storages' own size, so that memoised arguments replayed by a small pickle cannot multiply memory.
import { WeightsError } from '../errors.js';
import { DTYPE_BYTES, typedView, type WeightDType, type WeightTensor } from './dtypes.js';

/** A storage the pickle names by persistent id: ('storage', storage_type, key, location, numel). */
export class StorageRef {
  constructor(
    readonly dtype: WeightDType,
    readonly key: string,
    /** elements, when the persistent id gives them (torch always writes it) */
    readonly numel: number | undefined,
  ) {
    Object.freeze(this);
  }
}

/** The result of a rebuild; frozen so that a pickle's BUILD cannot swap its tensor for another object. */
export class RebuiltTensor {
  constructor(readonly tensor: WeightTensor) {
    Object.freeze(this);
  }
}

/** The storages of the archive: their size without reading them, and their first `bytes` bytes (all, when stored). */
export interface StorageReader {
  size(ref: StorageRef): number;
  bytes(ref: StorageRef, bytes: number): Uint8Array;
}

function fail(message: string, tensor?: string): never {
  throw new WeightsError('PICKLE_INVALID', `${message} (pytorch_model.bin)`, tensor);
}

function intList(x: unknown, what: string): number[] {
  if (!Array.isArray(x) || !x.every((v) => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0)) {
    fail(`${what} is not a list of non-negative integers`);
  }
  return x as number[];
}

/** Copies (strided or unaligned tensors) allowed per byte of storage. */
const COPY_BUDGET = 2;

export class TensorRebuilder {
  /** Identical rebuild arguments (a memoised tuple replayed) give the same tensor. */
  private readonly rebuilt = new Map<string, RebuiltTensor>();
  private readonly storagesRead = new Set<string>();
  private storageBytes = 0;
  private copied = 0;

  constructor(private readonly storage: StorageReader) {}

  rebuild(args: unknown[]): RebuiltTensor {
    const [ref, offsetRaw, sizeRaw, strideRaw] = args;
    if (!(ref instanceof StorageRef)) fail('tensor without a storage');
    const offset = intList([offsetRaw], 'storage offset')[0] as number;
    const shape = intList(sizeRaw, 'tensor size');
    const stride = intList(strideRaw, 'tensor stride');
    if (stride.length !== shape.length) fail('tensor size and stride differ in length');
    const id = `${ref.dtype}|${ref.key}|${offset}|${shape.join(',')}|${stride.join(',')}`;
    const known = this.rebuilt.get(id);
    if (known !== undefined) return known;
    const t = new RebuiltTensor(this.tensor(ref, offset, shape, stride));
    this.rebuilt.set(id, t);
    return t;
  }

  private tensor(ref: StorageRef, offset: number, shape: number[], stride: number[]): WeightTensor {
    const { dtype, key } = ref;
    const itemSize = DTYPE_BYTES[dtype];
    if (shape.includes(0)) return { dtype, shape, data: typedView(dtype, new Uint8Array(0)) };
    // Floats: a lying size only overshoots, and anything past the storage is refused below.
    let last = offset;
    let count = 1;
    for (let i = 0; i < shape.length; i++) {
      last += ((shape[i] as number) - 1) * (stride[i] as number);
      count *= shape[i] as number;
    }
    const size = this.storage.size(ref);
    if (size % itemSize !== 0) fail(`storage data/${key} has ${size} bytes, not a whole number of ${dtype}`);
    const numel = size / itemSize;
    if (last >= numel) fail(`tensor reads element ${last} of storage data/${key} which has ${numel}`);
    if (ref.numel !== undefined && ref.numel !== numel) {
      fail(`storage data/${key} holds ${numel} ${dtype} elements but the pickle declares ${ref.numel}`);
    }
    if (count > numel - offset) {
      fail(
        `tensor of shape [${shape.join(', ')}] with strides [${stride.join(', ')}] does not fit storage data/${key} (${numel - offset} elements from offset ${offset}): overlapping views are not read`,
      );
    }
    if (!this.storagesRead.has(key)) {
      this.storagesRead.add(key);
      this.storageBytes += size;
    }
    const bytes = this.storage.bytes(ref, (last + 1) * itemSize);
    let contiguous = true;
    let expect = 1;
    for (let i = shape.length - 1; i >= 0; i--) {
      if ((shape[i] as number) !== 1 && stride[i] !== expect) contiguous = false;
      expect *= shape[i] as number;
    }
    const range = bytes.subarray(offset * itemSize, (offset + count) * itemSize);
    if (contiguous && range.byteOffset % itemSize === 0) return { dtype, shape, data: typedView(dtype, range) };
    this.charge(count * itemSize);
    if (contiguous) return { dtype, shape, data: typedView(dtype, range.slice()) };
    return {
      dtype,
      shape,
      data: typedView(dtype, this.gather(bytes.subarray(0, (last + 1) * itemSize), itemSize, offset, shape, stride, count)),
    };
  }

  /**
   * Copies are bounded by twice the size of the storages read so far: a state dict's views seldom
   * overlap (tied weights share one view, which is built once), so only a crafted file gets here.
   */
  private charge(bytes: number): void {
    this.copied += bytes;
    if (this.copied > COPY_BUDGET * this.storageBytes) {
      fail(
        `its strided or unaligned tensors would copy ${this.copied} bytes out of ${this.storageBytes} bytes of storage: overlapping views are not read; re-save the state dict with contiguous tensors`,
      );
    }
  }

  /** A strided view gathered into a fresh contiguous buffer, element by element (bytes, so any alignment does). */
  private gather(src: Uint8Array, itemSize: number, offset: number, shape: number[], stride: number[], count: number): Uint8Array {
    const out = new Uint8Array(count * itemSize);
    const rank = shape.length;
    const idx = new Array<number>(rank).fill(0);
    for (let n = 0; n < count; n++) {
      let at = offset;
      for (let i = 0; i < rank; i++) at += (idx[i] as number) * (stride[i] as number);
      for (let b = 0, to = n * itemSize, from = at * itemSize; b < itemSize; b++) out[to + b] = src[from + b] as number;
      for (let i = rank - 1; i >= 0; i--) {
        idx[i] = (idx[i] as number) + 1;
        if ((idx[i] as number) < (shape[i] as number)) break;
        idx[i] = 0;
      }
    }
    return out;
  }
}
