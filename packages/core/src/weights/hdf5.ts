// The HDF5 side of `tf_model.h5`: jsfive parses the file's structure (superblock, groups,
// attributes, dataset headers); the weights themselves are read here as views into the file's
// bytes, because jsfive's `Dataset.value` builds a JS array element by element (minutes and
// several gigabytes for a 400 MB checkpoint).
import { WeightsError } from '../errors.js';
import { DTYPE_BYTES, elementCount, type WeightDType } from './dtypes.js';
import { charge, chargeObjectHeader, hdf5Error, type JsfiveDataObjects, jsfiveClasses, startBudget } from './hdf5-groups.js';

export { hdf5Error } from './hdf5-groups.js';

const DATA_STORAGE_MSG = 0x0008;
const CONTIGUOUS = 1;

/** HDF5 element types a weight may have (little-endian IEEE floats: what Keras writes). */
const DTYPES: Readonly<Record<string, WeightDType>> = { '<f2': 'F16', '<f4': 'F32', '<f8': 'F64' };

/** Runs jsfive code; its throws (strings, RangeErrors on lying offsets) become a `WeightsError`. */
function guarded<T>(what: string, f: () => T, tensor?: string): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof WeightsError) throw e;
    const detail = e instanceof Error ? e.message : String(e);
    return hdf5Error(`${what}: ${detail}: the file is truncated or not HDF5`, tensor, e);
  }
}

/** Bytes per element of a jsfive attribute type: `S12` -> 12, `<f4` -> 4, variable-length strings 16. */
function attributeItemBytes(dtype: unknown): number {
  if (Array.isArray(dtype)) return 16;
  const m = typeof dtype === 'string' ? /(\d+)$/.exec(dtype) : null;
  return m === null ? 1 : Math.max(1, Number(m[1]));
}

/**
 * jsfive fills an attribute value element by element up to the count its dataspace claims,
 * and reads past the end of the buffer as empty strings: a lying header (billions of elements)
 * would allocate and loop without end. The values must fit in the file, so larger counts stop here.
 */
const bounded = new WeakSet<JsfiveDataObjects>();
function boundAttributeReads(d: JsfiveDataObjects): void {
  if (bounded.has(d)) return;
  bounded.add(d);
  const read = d._attr_value;
  d._attr_value = function (this: JsfiveDataObjects, dtype, buf, count, offset) {
    if (!Number.isSafeInteger(count) || count < 0 || count * attributeItemBytes(dtype) > buf.byteLength - offset) {
      hdf5Error(`an attribute claims ${count} values of ${JSON.stringify(dtype)} at byte ${offset}, more than the file holds`);
    }
    charge(this.fh, count * attributeItemBytes(dtype));
    return read.call(this, dtype, buf, count, offset);
  };
}

/** A dataset's header: where its raw bytes are and how to read them. */
export interface Hdf5Tensor {
  dtype: WeightDType;
  shape: number[];
  /** The raw little-endian bytes inside the file (a view, not a copy). */
  bytes: Uint8Array;
}

const HDF5_SIGNATURE = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];

/** A group's links as a Map (jsfive gives a plain object, where "constructor" would be found on its prototype). */
function linkMap(d: JsfiveDataObjects): Map<string, number | string> {
  return new Map(Object.entries(d.get_links()));
}

/** An object of the file: a group has links (name -> object header address, or a soft link's path). */
interface Hdf5Object {
  readonly dataobjects: JsfiveDataObjects;
  readonly links?: ReadonlyMap<string, number | string>;
}

/**
 * An opened HDF5 file: attributes by path, datasets as views. Paths are resolved here, link by
 * link, each object header parsed once (by address), within the file's work budget (hdf5-groups.ts).
 */
export class Hdf5File {
  private readonly bytes: Uint8Array;
  private readonly buffer: ArrayBuffer;
  private readonly root: Hdf5Object;
  /** Objects already opened, by object header address. */
  private readonly objects = new Map<number, Hdf5Object>();

  constructor(bytes: Uint8Array) {
    if (bytes.byteLength < 8 || HDF5_SIGNATURE.some((b, i) => bytes[i] !== b)) {
      hdf5Error('the file does not start with the HDF5 signature: it is not an HDF5 file (a Git LFS pointer or an HTML page?)');
    }
    this.bytes = bytes;
    // jsfive reads from offset 0 of an ArrayBuffer: a view into a larger buffer is copied once.
    const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
    this.buffer = (whole ? bytes.buffer : bytes.slice().buffer) as ArrayBuffer;
    startBudget(this.buffer);
    const { File } = jsfiveClasses();
    this.root = guarded('cannot open the HDF5 file', () => {
      const d = new File(this.buffer, 'tf_model.h5')._dataobjects;
      chargeObjectHeader(d);
      return { dataobjects: d, links: linkMap(d) };
    });
  }

  private objectAt(address: number, path: string): Hdf5Object {
    const known = this.objects.get(address);
    if (known !== undefined) return known;
    const { DataObjects } = jsfiveClasses();
    const object = guarded(`cannot read "${path}"`, () => {
      const d = new DataObjects(this.buffer, address);
      chargeObjectHeader(d);
      return { dataobjects: d, links: d.is_dataset ? undefined : linkMap(d) };
    });
    this.objects.set(address, object);
    return object;
  }

  private node(path: string): Hdf5Object | undefined {
    let node = this.root;
    let at = '';
    for (const part of path.split('/').filter((p) => p !== '')) {
      at = at === '' ? part : `${at}/${part}`;
      const target = node.links?.get(part);
      if (target === undefined) return undefined;
      if (typeof target === 'string')
        hdf5Error(`"${at}" is a soft link (to "${target}"); Keras files hold none, and they are not followed`);
      node = this.objectAt(target, at);
    }
    return node;
  }

  has(path: string): boolean {
    return this.node(path) !== undefined;
  }

  /**
   * A string-list attribute, reassembled the way Keras does when it had to split one over 64 KB:
   * `name` when present, else `name0`, `name1`, ... Fixed-length strings lose their NUL padding.
   * Undefined when neither form is there.
   */
  stringList(path: string, name: string): string[] | undefined {
    const node = this.node(path);
    if (node === undefined) return undefined;
    boundAttributeReads(node.dataobjects);
    const attrs = guarded(`cannot read the attributes of "${path || '/'}"`, () => node.dataobjects.get_attributes());
    const parts: unknown[] = [];
    if (Object.hasOwn(attrs, name)) parts.push(attrs[name]);
    else for (let i = 0; Object.hasOwn(attrs, `${name}${i}`); i++) parts.push(attrs[`${name}${i}`]);
    if (parts.length === 0) return undefined;
    const out: string[] = [];
    for (const p of parts) {
      const list = typeof p === 'string' ? [p] : p;
      if (!Array.isArray(list) || !list.every((s) => typeof s === 'string')) {
        hdf5Error(`attribute "${name}" of "${path || '/'}" is not a list of strings`);
      }
      for (const s of list as string[]) out.push(s.replace(/\0+$/, ''));
    }
    return out;
  }

  /** The dataset at `path` as a view of its bytes; `name` is used in messages. */
  tensor(path: string, name: string): Hdf5Tensor {
    const node = this.node(path);
    if (node === undefined) {
      throw new WeightsError('WEIGHT_MISSING', `is listed in weight_names but "${path}" is not in the file (tf_model.h5)`, name);
    }
    return guarded('cannot read the dataset header', () => this.datasetBytes(node.dataobjects, name), name);
  }

  private datasetBytes(d: JsfiveDataObjects, name: string): Hdf5Tensor {
    if (d.find_msg_type(DATA_STORAGE_MSG).length === 0) hdf5Error('is a group, not a dataset', name);
    const raw = d.dtype;
    const dtype = typeof raw === 'string' && Object.hasOwn(DTYPES, raw) ? DTYPES[raw] : undefined;
    if (dtype === undefined) {
      throw new WeightsError(
        'WEIGHT_DTYPE',
        `has HDF5 type ${JSON.stringify(raw)}; readable: little-endian float16/32/64 (${Object.keys(DTYPES).join(', ')})`,
        name,
      );
    }
    const shape = [...d.shape];
    if (!shape.every((n) => Number.isSafeInteger(n) && n >= 0)) hdf5Error(`has an invalid shape [${shape.join(', ')}]`, name);
    const size = elementCount(shape) * DTYPE_BYTES[dtype];
    const msg = d.find_msg_type(DATA_STORAGE_MSG)[0] as Map<string, number>;
    const [version, , layout, at] = d._get_data_message_properties(msg.get('offset_to_message') as number);
    if (layout !== CONTIGUOUS) {
      hdf5Error(
        `is stored ${layout === 2 ? 'chunked (compressed?)' : 'compact'}; Keras writes weights contiguous: re-save the model with save_weights / save_pretrained`,
        name,
      );
    }
    const view = new DataView(this.bytes.buffer, this.bytes.byteOffset, this.bytes.byteLength);
    if (at + 8 > view.byteLength) hdf5Error('its storage message runs past the end of the file', name);
    const address = view.getBigUint64(at, true);
    // Layout messages v3+ also store the size; v1/v2 do not.
    const stored = version >= 3 && at + 16 <= view.byteLength ? view.getBigUint64(at + 8, true) : BigInt(size);
    if (address === 0xffffffffffffffffn) hdf5Error('has no data written (undefined address)', name);
    if (stored !== BigInt(size)) hdf5Error(`holds ${stored} bytes but shape [${shape.join(', ')}] of ${dtype} needs ${size}`, name);
    if (address + BigInt(size) > BigInt(this.bytes.byteLength)) {
      hdf5Error(`data [${address}, +${size}) runs past the end of the file (${this.bytes.byteLength} bytes): the file is truncated`, name);
    }
    const begin = Number(address);
    return { dtype, shape, bytes: this.bytes.subarray(begin, begin + size) };
  }
}
