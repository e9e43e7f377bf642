import { CoreError } from '../errors.js';
import { utf8Encode } from '../text.js';
import {
  type AttributeProto,
  AttributeProtoAttributeType,
  encodeModelProto,
  type ModelProto,
  type NodeProto,
  type TensorProto,
  TensorProtoDataLocation,
  TensorProtoDataType,
  type ValueInfoProto,
} from './proto.js';

/** Element types the builder writes (ONNX `TensorProto.DataType`). */
export type ElementType = 'float32' | 'float16' | 'int8' | 'uint8' | 'int32' | 'int64' | 'bool';

const D = TensorProtoDataType;
const ELEMENT_CODES: Readonly<Record<ElementType, number>> = {
  float32: D.FLOAT,
  uint8: D.UINT8,
  int8: D.INT8,
  int32: D.INT32,
  int64: D.INT64,
  bool: D.BOOL,
  float16: D.FLOAT16,
};

/** Typed data for an initializer; float16 as raw IEEE half bits. */
export type TensorData = Float32Array | Uint16Array | Int8Array | Uint8Array | Int32Array | BigInt64Array;

/** A tensor held in the graph (an initializer or a constant attribute). */
export interface TensorValue {
  dtype: ElementType;
  dims: readonly number[];
  data: TensorData;
}

/** A weight kept in another file: where its little-endian bytes are. */
export interface ExternalTensor {
  dtype: 'float32';
  dims: readonly number[];
  location: string;
  offset: number;
  length: number;
}

/** A dimension: a fixed size or a symbolic name (`'batch_size'`). */
export type Dim = number | string;

/** Forces a float attribute where a JS number is integral (`{ float: 1 }`). */
export interface FloatAttr {
  float: number;
}
/**
 * Attribute values: an integral number is INT, any other number FLOAT, number[] INTS (FLOATS if
 * any is fractional), string STRING, `{ float }` FLOAT, a TensorValue TENSOR.
 */
export type AttrValue = number | readonly number[] | string | FloatAttr | TensorValue;

/** Attributes, outputs, name and domain of a node `GraphBuilder.node` adds. */
export interface NodeOptions {
  attrs?: Record<string, AttrValue>;
  /** Number of outputs (default 1) or their exact names. */
  outputs?: number | string[];
  /** Node name; a unique one is made from the op type otherwise. */
  name?: string;
  domain?: string;
}

/** The opsets and the graph name of a `GraphBuilder`. */
export interface BuilderOptions {
  /** Default-domain opset (default 17). */
  opset?: number;
  graphName?: string;
  producerName?: string;
}

function elementCode(t: ElementType): number {
  return ELEMENT_CODES[t];
}

function valueInfo(name: string, dtype: ElementType, dims: readonly Dim[]): ValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType: elementCode(dtype),
        shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) },
      },
    },
  };
}

function tensorProto(name: string, t: TensorValue): TensorProto {
  const expected = t.dims.reduce((a, b) => a * b, 1);
  if (t.data.length !== expected) {
    throw new CoreError('GRAPH_INVALID', `initializer "${name}" has ${t.data.length} values, dims [${t.dims.join(', ')}] need ${expected}`);
  }
  return {
    name,
    dataType: elementCode(t.dtype),
    dims: [...t.dims],
    rawData: new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength),
  };
}

function isTensorValue(v: unknown): v is TensorValue {
  return typeof v === 'object' && v !== null && 'dims' in v && 'data' in v;
}

function attribute(name: string, v: AttrValue): AttributeProto {
  const T = AttributeProtoAttributeType;
  if (typeof v === 'number') {
    return Number.isInteger(v) ? { name, type: T.INT, i: v } : { name, type: T.FLOAT, f: v };
  }
  if (typeof v === 'string') return { name, type: T.STRING, s: utf8Encode(v) };
  if (Array.isArray(v)) {
    const nums = v as readonly number[];
    return nums.every(Number.isInteger) ? { name, type: T.INTS, ints: [...nums] } : { name, type: T.FLOATS, floats: [...nums] };
  }
  if (isTensorValue(v)) return { name, type: T.TENSOR, t: tensorProto(name, v) };
  return { name, type: T.FLOAT, f: (v as FloatAttr).float };
}

/**
 * Builds an ONNX model node by node, encoded by pbf code generated from ONNX's schema (./proto.ts).
 * Names are checked for uniqueness; `fresh()` makes new ones. Node outputs are returned
 * so that graph code reads as data flow: `const y = g.op('Relu', [x])`.
 */
export class GraphBuilder {
  readonly opset: number;
  private readonly graphName: string;
  private readonly producerName: string;
  private readonly nodes: NodeProto[] = [];
  private readonly inputs: ValueInfoProto[] = [];
  private readonly outputs: ValueInfoProto[] = [];
  private readonly initializers: TensorProto[] = [];
  private readonly names = new Set<string>();
  private readonly counters = new Map<string, number>();
  private readonly constants = new Map<string, string>();
  private readonly extraOpsets = new Map<string, number>();

  constructor(options: BuilderOptions = {}) {
    this.opset = options.opset ?? 17;
    this.graphName = options.graphName ?? 'convbert';
    this.producerName = options.producerName ?? '@convbert/core';
  }

  /** A name not used yet, from `prefix`. */
  fresh(prefix: string): string {
    let n = this.counters.get(prefix) ?? 0;
    let name = `${prefix}_${n}`;
    while (this.names.has(name)) name = `${prefix}_${++n}`;
    this.counters.set(prefix, n + 1);
    this.names.add(name);
    return name;
  }

  /** Whether the graph already has a value of this name. */
  has(name: string): boolean {
    return this.names.has(name);
  }

  private claim(name: string): string {
    if (this.names.has(name)) throw new CoreError('GRAPH_INVALID', `the graph already has a tensor named "${name}"`);
    this.names.add(name);
    return name;
  }

  /** Declares a graph input. */
  input(name: string, dtype: ElementType, dims: readonly Dim[]): string {
    this.inputs.push(valueInfo(this.claim(name), dtype, dims));
    return name;
  }

  /** Adds a weight; `name` is made unique if taken. */
  initializer(name: string, value: TensorValue): string {
    const unique = this.names.has(name) ? this.fresh(name) : this.claim(name);
    this.initializers.push(tensorProto(unique, value));
    return unique;
  }

  /**
   * Adds a weight whose bytes stay in another file (ONNX external data): `location` is relative
   * to the folder the runtime is given, and the bytes are read there, not copied into the graph.
   */
  externalInitializer(name: string, t: ExternalTensor): string {
    const unique = this.names.has(name) ? this.fresh(name) : this.claim(name);
    const bytes = 4 * t.dims.reduce((a, b) => a * b, 1);
    if (bytes !== t.length) throw new CoreError('GRAPH_INVALID', `initializer "${name}" is ${t.length} bytes, not ${bytes}`);
    this.initializers.push({
      name: unique,
      dataType: elementCode(t.dtype),
      dims: [...t.dims],
      externalData: [
        { key: 'location', value: t.location },
        { key: 'offset', value: String(t.offset) },
        { key: 'length', value: String(t.length) },
      ],
      dataLocation: TensorProtoDataLocation.EXTERNAL,
    });
    return unique;
  }

  /** A small int64 constant, shared between uses. */
  int64(values: readonly number[], dims: readonly number[] = [values.length]): string {
    return this.constant('int64', values, dims);
  }

  /** A small float32 constant, shared between uses. */
  float(values: readonly number[], dims: readonly number[] = []): string {
    return this.constant('float32', values, dims);
  }

  private constant(dtype: 'int64' | 'float32', values: readonly number[], dims: readonly number[]): string {
    const key = `${dtype}:${dims.join('x')}:${values.join(',')}`;
    const hit = this.constants.get(key);
    if (hit !== undefined) return hit;
    const data = dtype === 'int64' ? BigInt64Array.from(values, (v) => BigInt(v)) : Float32Array.from(values);
    const name = this.initializer(this.fresh(`const_${dtype}`), { dtype, dims, data });
    this.constants.set(key, name);
    return name;
  }

  /** Adds a node; returns its output names. An empty input name marks an omitted optional input. */
  node(opType: string, inputs: readonly string[], options: NodeOptions = {}): string[] {
    const outs =
      typeof options.outputs === 'object'
        ? options.outputs.map((o) => this.claim(o))
        : Array.from({ length: options.outputs ?? 1 }, () => this.fresh(opType.toLowerCase()));
    for (const i of inputs) {
      if (i !== '' && !this.names.has(i))
        throw new CoreError('GRAPH_INVALID', `${opType} reads "${i}", which no node, input or initializer defines`);
    }
    if (options.domain !== undefined && options.domain !== '' && !this.extraOpsets.has(options.domain))
      this.extraOpsets.set(options.domain, 1);
    this.nodes.push({
      opType,
      domain: options.domain ?? '',
      name: options.name ?? this.fresh(`${opType}_node`),
      input: [...inputs],
      output: outs,
      attribute: Object.entries(options.attrs ?? {}).map(([k, v]) => attribute(k, v)),
    });
    return outs;
  }

  /** A single-output node. */
  op(opType: string, inputs: readonly string[], attrs?: Record<string, AttrValue>, outputName?: string): string {
    return this.node(opType, inputs, { attrs, outputs: outputName === undefined ? 1 : [outputName] })[0] as string;
  }

  /** Declares `tensor` as the graph output `name` (through an Identity when the names differ). */
  output(name: string, tensor: string, dtype: ElementType, dims: readonly Dim[]): void {
    const source = tensor === name ? name : this.op('Identity', [tensor], undefined, name);
    this.outputs.push(valueInfo(source, dtype, dims));
  }

  /** Uses a domain with a given version (e.g. `com.microsoft`). */
  useOpset(domain: string, version: number): void {
    this.extraOpsets.set(domain, version);
  }

  private toModelProto(): ModelProto {
    const opsetImport = [{ domain: '', version: this.opset }, ...[...this.extraOpsets].map(([domain, version]) => ({ domain, version }))];
    return {
      irVersion: 8,
      producerName: this.producerName,
      opsetImport,
      graph: {
        name: this.graphName,
        node: this.nodes,
        input: this.inputs,
        output: this.outputs,
        initializer: this.initializers,
      },
    };
  }

  /** The serialised model (protobuf bytes), ready for a `Backend`. */
  toBytes(): Uint8Array {
    return encodeModelProto(this.toModelProto());
  }
}
