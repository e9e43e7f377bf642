import { unzipSync } from 'fflate';
import { Parser } from 'pickleparser';
import { CoreError, WeightsError } from '../errors.js';
import { utf8Decode } from '../text.js';
import { DTYPE_BYTES, elementCount, typedView, type WeightDType, type WeightTensor } from './dtypes.js';
import { StateDict } from './state-dict.js';

/** torch storage classes a state dict may name, and the element type each holds. */
const STORAGE_DTYPES: Readonly<Record<string, WeightDType>> = {
  DoubleStorage: 'F64',
  FloatStorage: 'F32',
  HalfStorage: 'F16',
  BFloat16Storage: 'BF16',
  LongStorage: 'I64',
  IntStorage: 'I32',
  ShortStorage: 'I16',
  CharStorage: 'I8',
  ByteStorage: 'U8',
  BoolStorage: 'BOOL',
};

interface StorageType {
  readonly storageDtype: WeightDType;
}
interface StorageRef {
  readonly kind: 'storage';
  readonly dtype: WeightDType;
  readonly key: string;
}
class RebuiltTensor {
  constructor(readonly tensor: WeightTensor) {}
}

type Callable = (...args: unknown[]) => unknown;

function fail(message: string, tensor?: string): never {
  throw new WeightsError('PICKLE_INVALID', `${message} (pytorch_model.bin)`, tensor);
}

function intList(x: unknown, what: string): number[] {
  if (!Array.isArray(x) || !x.every((v) => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0)) {
    fail(`${what} is not a list of non-negative integers`);
  }
  return x as number[];
}

/** `torch._utils._rebuild_tensor_v2(storage, offset, size, stride, ...)` over the archive's bytes. */
function rebuildTensor(files: Record<string, Uint8Array>, prefix: string, args: unknown[]): RebuiltTensor {
  const [storage, offsetRaw, sizeRaw, strideRaw] = args;
  if (!(storage instanceof Object) || (storage as StorageRef).kind !== 'storage') fail('tensor without a storage');
  const { dtype, key } = storage as StorageRef;
  const bytes = files[`${prefix}data/${key}`];
  if (bytes === undefined) fail(`storage data/${key} is missing from the archive`);
  const itemSize = DTYPE_BYTES[dtype];
  if (bytes.byteLength % itemSize !== 0) fail(`storage data/${key} has ${bytes.byteLength} bytes, not a whole number of ${dtype}`);
  const numel = bytes.byteLength / itemSize;
  const offset = intList([offsetRaw], 'storage offset')[0] as number;
  const shape = intList(sizeRaw, 'tensor size');
  const stride = intList(strideRaw, 'tensor stride');
  if (stride.length !== shape.length) fail('tensor size and stride differ in length');
  const count = elementCount(shape);
  if (count === 0) return new RebuiltTensor({ dtype, shape, data: typedView(dtype, new Uint8Array(0)) });
  let last = offset;
  for (let i = 0; i < shape.length; i++) last += ((shape[i] as number) - 1) * (stride[i] as number);
  if (last >= numel) fail(`tensor reads element ${last} of storage data/${key} which has ${numel}`);
  let contiguous = true;
  let expect = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    if ((shape[i] as number) !== 1 && stride[i] !== expect) contiguous = false;
    expect *= shape[i] as number;
  }
  if (contiguous) {
    return new RebuiltTensor({ dtype, shape, data: typedView(dtype, bytes.subarray(offset * itemSize, (offset + count) * itemSize)) });
  }
  // Strided views (rare in state dicts) are gathered into a fresh contiguous buffer.
  const out = new Uint8Array(count * itemSize);
  const idx = new Array<number>(shape.length).fill(0);
  for (let n = 0; n < count; n++) {
    let src = offset;
    for (let i = 0; i < shape.length; i++) src += (idx[i] as number) * (stride[i] as number);
    out.set(bytes.subarray(src * itemSize, (src + 1) * itemSize), n * itemSize);
    for (let i = shape.length - 1; i >= 0; i--) {
      idx[i] = (idx[i] as number) + 1;
      if ((idx[i] as number) < (shape[i] as number)) break;
      idx[i] = 0;
    }
  }
  return new RebuiltTensor({ dtype, shape, data: typedView(dtype, out) });
}

/** Names the unpickler may resolve; anything else is refused, so no pickle can run code. */
export const ALLOWED_PICKLE_GLOBALS: readonly string[] = [
  'collections.OrderedDict',
  'torch._utils._rebuild_tensor_v2',
  'torch._utils._rebuild_parameter',
  ...Object.keys(STORAGE_DTYPES).map((s) => `torch.${s}`),
];

function resolver(files: Record<string, Uint8Array>, prefix: string) {
  return {
    resolve(module: string, name: string): Callable {
      const full = `${module}.${name}`;
      if (full === 'collections.OrderedDict') {
        return (...args: unknown[]) => {
          const m = new Map<unknown, unknown>();
          if (Array.isArray(args[0])) for (const kv of args[0]) if (Array.isArray(kv)) m.set(kv[0], kv[1]);
          return m;
        };
      }
      if (full === 'torch._utils._rebuild_tensor_v2') return (...args: unknown[]) => rebuildTensor(files, prefix, args);
      if (full === 'torch._utils._rebuild_parameter') {
        return (data: unknown) => (data instanceof RebuiltTensor ? data : fail('parameter without tensor data'));
      }
      const storageName = module === 'torch' ? STORAGE_DTYPES[name] : undefined;
      if (storageName !== undefined && Object.hasOwn(STORAGE_DTYPES, name)) {
        const t: StorageType = { storageDtype: storageName };
        return Object.assign(() => fail(`${full} cannot be called`), t);
      }
      throw new WeightsError(
        'PICKLE_FORBIDDEN_GLOBAL',
        `the pickle refers to the Python global "${full}", which a state dict does not need; refused so that no code runs. Allowed: ${ALLOWED_PICKLE_GLOBALS.join(', ')}`,
      );
    },
  };
}

const persistent = {
  resolve(pid: unknown): StorageRef {
    // ('storage', storage_type, key, location, numel), as torch.save writes it.
    if (!Array.isArray(pid) || pid[0] !== 'storage' || pid.length < 3) fail(`unsupported persistent id ${String(pid).slice(0, 60)}`);
    const dtype = typeof pid[1] === 'function' ? (pid[1] as Partial<StorageType>).storageDtype : undefined;
    if (dtype === undefined) fail('persistent id without a known storage type');
    if (typeof pid[2] !== 'string' || !/^[A-Za-z0-9_]+$/.test(pid[2])) fail('persistent id with an invalid storage key');
    return { kind: 'storage', dtype, key: pid[2] };
  },
};

/**
 * Reads a `pytorch_model.bin` written by `torch.save` (zip archive + pickle, torch >= 1.6)
 * without executing anything: only the globals in `ALLOWED_PICKLE_GLOBALS` resolve.
 */
export function readPytorchBin(bytes: Uint8Array): StateDict {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes);
  } catch (e) {
    const legacy = bytes[0] === 0x80 ? ' It looks like the legacy (pre-1.6) torch format: re-save it with a current torch.' : '';
    throw new WeightsError('ZIP_INVALID', `not a torch zip archive (${(e as Error)?.message ?? String(e)}).${legacy}`, undefined, {
      cause: e,
    });
  }
  return readTorchArchive(files);
}

/** The state dict in an already unzipped torch archive (file name -> bytes). */
export function readTorchArchive(files: Record<string, Uint8Array>): StateDict {
  const pkl = Object.keys(files).find((n) => n === 'data.pkl' || n.endsWith('/data.pkl'));
  if (pkl === undefined) throw new WeightsError('ZIP_INVALID', 'the archive has no data.pkl: not a file written by torch.save');
  const prefix = pkl.slice(0, pkl.length - 'data.pkl'.length);
  const order = files[`${prefix}byteorder`];
  if (order !== undefined && utf8Decode(order).trim() !== 'little') {
    throw new WeightsError('PICKLE_INVALID', 'the archive stores big-endian tensors, which are not supported');
  }
  let root: unknown;
  try {
    const parser = new Parser({
      nameResolver: resolver(files, prefix),
      persistentResolver: persistent,
      extensionResolver: { resolve: (code: number) => fail(`pickle extension code ${code} is not allowed`) },
      unpicklingTypeOfDictionary: 'Map',
      unpicklingTypeOfSet: 'array',
    });
    root = parser.parse(files[pkl] as Uint8Array);
  } catch (e) {
    if (e instanceof CoreError) throw e;
    throw new WeightsError('PICKLE_INVALID', `data.pkl is corrupt: ${(e as Error)?.message ?? String(e)}`, undefined, { cause: e });
  }
  if (!(root instanceof Map)) fail('the pickle does not hold a state dict (a mapping of names to tensors)');
  const tensors = new Map<string, WeightTensor>();
  for (const [k, v] of root) {
    if (typeof k !== 'string') fail('a state-dict key is not a string');
    if (!(v instanceof RebuiltTensor)) fail('the value is not a tensor', k);
    tensors.set(k, v.tensor);
  }
  return new StateDict(tensors);
}
