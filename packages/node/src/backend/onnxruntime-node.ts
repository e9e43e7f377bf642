import type { Backend, Session, SessionOptions, Tensor, TensorData } from '@convbert/core';
import * as ort from 'onnxruntime-node';

function toOrt(t: Tensor): ort.Tensor {
  const data = t.data;
  const dims = [...t.dims];
  if (data instanceof Float32Array) return new ort.Tensor('float32', data, dims);
  if (data instanceof BigInt64Array) return new ort.Tensor('int64', data, dims);
  if (data instanceof Int32Array) return new ort.Tensor('int32', data, dims);
  if (data instanceof Uint8Array) return new ort.Tensor('uint8', data, dims);
  if (data instanceof Int8Array) return new ort.Tensor('int8', data, dims);
  if (data instanceof Float64Array) return new ort.Tensor('float64', data, dims);
  return new ort.Tensor('float16', data, dims);
}

function fromOrt(t: ort.Tensor): Tensor {
  return { data: t.data as TensorData, dims: [...t.dims] };
}

class OrtNodeSession implements Session {
  constructor(private readonly inner: ort.InferenceSession) {}

  get inputNames(): readonly string[] {
    return this.inner.inputNames;
  }

  get outputNames(): readonly string[] {
    return this.inner.outputNames;
  }

  async run(feeds: Record<string, Tensor>, outputNames?: readonly string[]): Promise<Record<string, Tensor>> {
    const ortFeeds = Object.fromEntries(Object.entries(feeds).map(([k, v]) => [k, toOrt(v)]));
    const out = outputNames === undefined ? await this.inner.run(ortFeeds) : await this.inner.run(ortFeeds, [...outputNames]);
    return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, fromOrt(v)]));
  }

  async release(): Promise<void> {
    await this.inner.release();
  }
}

/** ONNX Runtime for Node.js; CPU unless other execution providers are asked for. */
export class OnnxruntimeNodeBackend implements Backend {
  readonly name = 'onnxruntime-node';
  private readonly defaults: SessionOptions;

  constructor(defaults: SessionOptions = {}) {
    this.defaults = defaults;
  }

  async createSession(model: Uint8Array, options: SessionOptions = {}): Promise<Session> {
    const o = { ...this.defaults, ...options };
    const session = await ort.InferenceSession.create(model, {
      executionProviders: [...(o.executionProviders ?? ['cpu'])],
      ...(o.intraOpNumThreads ? { intraOpNumThreads: o.intraOpNumThreads } : {}),
    });
    return new OrtNodeSession(session);
  }
}
