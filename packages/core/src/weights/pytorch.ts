import { Parser } from 'pickleparser';
import { CoreError, WeightsError } from '../errors.js';
import { utf8Decode } from '../text.js';
import type { WeightDType, WeightTensor } from './dtypes.js';
import { checkPickleOpcodes } from './pickle-opcodes.js';
import { StateDict } from './state-dict.js';
import { RebuiltTensor, type StorageReader, StorageRef, TensorRebuilder } from './torch-tensors.js';
import { ZipArchive } from './zip.js';

/** torch storage classes a state dict may name, and the element type each holds. */
const STORAGE_DTYPES: ReadonlyMap<string, WeightDType> = new Map([
  ['DoubleStorage', 'F64'],
  ['FloatStorage', 'F32'],
  ['HalfStorage', 'F16'],
  ['BFloat16Storage', 'BF16'],
  ['LongStorage', 'I64'],
  ['IntStorage', 'I32'],
  ['ShortStorage', 'I16'],
  ['CharStorage', 'I8'],
  ['ByteStorage', 'U8'],
  ['BoolStorage', 'BOOL'],
]);

/** What a `torch.<X>Storage` global resolves to: a marker the persistent-id resolver recognises, not callable. */
class StorageType {
  constructor(readonly storageDtype: WeightDType) {
    Object.freeze(this);
  }
}

type Callable = (...args: unknown[]) => unknown;

function fail(message: string, tensor?: string): never {
  throw new WeightsError('PICKLE_INVALID', `${message} (pytorch_model.bin)`, tensor);
}

/** Names the unpickler may resolve; anything else is refused, so no pickle can run code. */
export const ALLOWED_PICKLE_GLOBALS: readonly string[] = [
  'collections.OrderedDict',
  'torch._utils._rebuild_tensor_v2',
  'torch._utils._rebuild_parameter',
  ...[...STORAGE_DTYPES.keys()].map((s) => `torch.${s}`),
];

function resolver(tensors: TensorRebuilder) {
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
      if (full === 'torch._utils._rebuild_tensor_v2') return (...args: unknown[]) => tensors.rebuild(args);
      if (full === 'torch._utils._rebuild_parameter') {
        return (data: unknown) => (data instanceof RebuiltTensor ? data : fail('parameter without tensor data'));
      }
      const dtype = module === 'torch' ? STORAGE_DTYPES.get(name) : undefined;
      // a marker for the persistent-id resolver; the unpickler cannot call it (REDUCE on it fails)
      if (dtype !== undefined) return new StorageType(dtype) as unknown as Callable;
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
    if (!(pid[1] instanceof StorageType)) fail('persistent id without a known storage type');
    if (typeof pid[2] !== 'string' || !/^[A-Za-z0-9_]+$/.test(pid[2])) fail('persistent id with an invalid storage key');
    const numel = pid[4];
    if (numel !== undefined && !(typeof numel === 'number' && Number.isSafeInteger(numel) && numel >= 0)) {
      fail(`persistent id of storage data/${pid[2]} with an invalid element count`);
    }
    return new StorageRef(pid[1].storageDtype, pid[2], numel);
  },
};

/**
 * The archive's `data/<key>` entries, read when a tensor first needs them: stored entries as views
 * of the file, deflated ones inflated only as far as the tensors read (and never past their size).
 */
function storageReader(zip: ZipArchive, prefix: string): StorageReader {
  const inflated = new Map<string, Uint8Array>();
  const entry = (ref: StorageRef) => {
    const e = zip.entry(`${prefix}data/${ref.key}`);
    if (e === undefined) fail(`storage data/${ref.key} is missing from the archive`);
    return e;
  };
  return {
    size: (ref) => entry(ref).size,
    bytes(ref, bytes) {
      const e = entry(ref);
      if (e.method === 0) return zip.read(e.name);
      const have = inflated.get(e.name);
      if (have !== undefined && have.length >= bytes) return have;
      // at least doubling: tensors reaching ever further into one storage re-inflate it a few times, not once each
      const out = zip.read(e.name, Math.min(e.size, Math.max(bytes, 2 * (have?.length ?? 0))));
      inflated.set(e.name, out);
      return out;
    },
  };
}

/**
 * Reads a `pytorch_model.bin` written by `torch.save` (zip archive + pickle, torch >= 1.6)
 * without executing anything: only the globals in `ALLOWED_PICKLE_GLOBALS` resolve, only the
 * opcodes torch.save writes are accepted, and only the entries the pickle names are read.
 */
export function readPytorchBin(bytes: Uint8Array): StateDict {
  let zip: ZipArchive;
  try {
    zip = ZipArchive.open(bytes);
  } catch (e) {
    if (bytes[0] !== 0x80 || !(e instanceof WeightsError)) throw e;
    throw new WeightsError(
      'ZIP_INVALID',
      `${e.message}. It looks like the legacy (pre-1.6) torch format: re-save it with a current torch.`,
      undefined,
      {
        cause: e,
      },
    );
  }
  return readTorchArchive(zip);
}

/** The state dict in a torch zip archive. */
export function readTorchArchive(zip: ZipArchive): StateDict {
  const pkl = zip.names.find((n) => n === 'data.pkl' || n.endsWith('/data.pkl'));
  if (pkl === undefined) throw new WeightsError('ZIP_INVALID', 'the archive has no data.pkl: not a file written by torch.save');
  const prefix = pkl.slice(0, pkl.length - 'data.pkl'.length);
  if (zip.entry(`${prefix}byteorder`) !== undefined && utf8Decode(zip.read(`${prefix}byteorder`)).trim() !== 'little') {
    throw new WeightsError('PICKLE_INVALID', 'the archive stores big-endian tensors, which are not supported');
  }
  const pickle = zip.read(pkl);
  checkPickleOpcodes(pickle);
  let root: unknown;
  try {
    const parser = new Parser({
      nameResolver: resolver(new TensorRebuilder(storageReader(zip, prefix))),
      persistentResolver: persistent,
      extensionResolver: { resolve: (code: number) => fail(`pickle extension code ${code} is not allowed`) },
      unpicklingTypeOfDictionary: 'Map',
      unpicklingTypeOfSet: 'array',
    });
    root = parser.parse(pickle);
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
