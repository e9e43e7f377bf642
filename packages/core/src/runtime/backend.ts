import { CoreError } from '../errors.js';

/** Typed data a tensor may carry across the backend boundary. */
export type TensorData = Float32Array | BigInt64Array | Int32Array | Uint8Array | Int8Array | Uint16Array | Float64Array;

/** A dense row-major tensor. The element type is the typed array's. */
export interface Tensor<D extends TensorData = TensorData> {
  data: D;
  dims: readonly number[];
}

/** A float32 tensor. */
export type FloatTensor = Tensor<Float32Array>;

/** What a backend may be told when it makes a session. */
export interface SessionOptions {
  /** Execution providers in order of preference (backend-specific names, e.g. `cpu`, `cuda`, `webgpu`). */
  executionProviders?: readonly string[];
  /** Threads inside one operator (0 or undefined: the backend's default). */
  intraOpNumThreads?: number;
  /**
   * The folder the model's external-data locations are relative to (a graph whose weights stay
   * in a local safetensors file). Set by the loaders; only backends with file access get such graphs.
   */
  externalDataFolder?: string;
}

/**
 * A loaded model that runs named feeds, in the spirit of onnxruntime-common's InferenceSession.
 * `run` returns the requested outputs (all when `outputNames` is omitted).
 */
export interface Session {
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  /** Runs the model on named inputs; returns the outputs asked for. */
  run(feeds: Record<string, Tensor>, outputNames?: readonly string[]): Promise<Record<string, Tensor>>;
  /** Frees the session's resources; the session cannot run after. */
  release(): Promise<void>;
}

/** Turns ONNX bytes into a `Session` (onnxruntime-node, onnxruntime-web, ...). */
export interface Backend {
  readonly name: string;
  /** Takes graphs whose weights stay in a local file (`SessionOptions.externalDataFolder`). */
  readonly externalData?: boolean;
  /** Makes a session from ONNX bytes. */
  createSession(model: Uint8Array, options?: SessionOptions): Promise<Session>;
}

/** ONNX Runtime's element type names, as the backends create their tensors. */
export type OrtElementType = 'float32' | 'int64' | 'int32' | 'uint8' | 'int8' | 'float16' | 'float64';

/** The element type of tensor data for ONNX Runtime (half floats travel as their 16-bit patterns in a `Uint16Array`). */
export function ortElementType(data: TensorData): OrtElementType {
  if (data instanceof Float32Array) return 'float32';
  if (data instanceof BigInt64Array) return 'int64';
  if (data instanceof Int32Array) return 'int32';
  if (data instanceof Uint8Array) return 'uint8';
  if (data instanceof Int8Array) return 'int8';
  if (data instanceof Uint16Array) return 'float16';
  if (data instanceof Float64Array) return 'float64';
  throw new CoreError(
    'INVALID_INPUT',
    'unsupported tensor data: use Float32Array, BigInt64Array, Int32Array, Uint8Array, Int8Array, Uint16Array (fp16) or Float64Array',
  );
}
