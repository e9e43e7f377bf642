import type { Backend, Session, SessionOptions, Tensor } from '@convbert/core';
import * as ort from '#ort';
import { WebError } from '../errors.js';
import { configureOrt, lockOrtEnv, type OrtWebOptions } from './env.js';
import { sessionFailureHint } from './runtime.js';
import { fromOrtTensor, toOrtTensor } from './tensors.js';
import { isWebGpuAvailable } from './webgpu.js';

/** `wasm`: CPU in WebAssembly (SIMD; threads when the page is cross-origin isolated). `webgpu`: the GPU. */
export type WebDevice = 'wasm' | 'webgpu';

/** Every `WebDevice`. */
export const WEB_DEVICES: readonly WebDevice[] = ['wasm', 'webgpu'];

export interface WebBackendOptions extends OrtWebOptions {
  /** Default `wasm`. */
  device?: WebDevice;
}

class WebSession implements Session {
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  private session: ort.InferenceSession | undefined;

  constructor(session: ort.InferenceSession) {
    this.session = session;
    this.inputNames = [...session.inputNames];
    this.outputNames = [...session.outputNames];
  }

  async run(feeds: Record<string, Tensor>, outputNames?: readonly string[]): Promise<Record<string, Tensor>> {
    const s = this.session;
    if (s === undefined) throw new WebError('MODEL_DISPOSED', 'the session was released: load the model again');
    const ortFeeds: Record<string, ort.Tensor> = {};
    for (const [name, t] of Object.entries(feeds)) ortFeeds[name] = toOrtTensor(t);
    const wanted = outputNames ?? this.outputNames;
    for (const name of wanted) {
      if (!this.outputNames.includes(name)) {
        throw new WebError('BACKEND_OUTPUT_MISSING', `the model has no output "${name}" (it has: ${this.outputNames.join(', ')})`);
      }
    }
    const out = await s.run(ortFeeds, [...wanted]);
    const result: Record<string, Tensor> = {};
    for (const name of wanted) {
      const t = out[name];
      if (t !== undefined) result[name] = fromOrtTensor(name, t);
    }
    // Input tensors hold no native memory on the CPU side; outputs were copied out above.
    for (const t of Object.values(out)) t.dispose();
    return result;
  }

  async release(): Promise<void> {
    const s = this.session;
    this.session = undefined;
    await s?.release();
  }
}

/** The `onnxruntime-web` backend of `@convbert/core`: one device per backend object. */
export class WebBackend implements Backend {
  readonly name: string;
  readonly device: WebDevice;

  constructor(options: WebBackendOptions = {}) {
    const device = options.device ?? 'wasm';
    if (!WEB_DEVICES.includes(device)) throw new WebError('INVALID_OPTION', `device "${device}" is not one of ${WEB_DEVICES.join(', ')}`);
    this.device = device;
    this.name = `onnxruntime-web:${device}`;
    const { device: _device, ...env } = options;
    if (Object.keys(env).length > 0) configureOrt(env);
  }

  /** An onnxruntime-web session of the ONNX bytes on the chosen device. */
  async createSession(model: Uint8Array, options: SessionOptions = {}): Promise<Session> {
    if (!(model instanceof Uint8Array) || model.byteLength === 0) {
      throw new WebError('INVALID_INPUT', 'createSession needs the ONNX model as a non-empty Uint8Array');
    }
    if (this.device === 'webgpu' && !(await isWebGpuAvailable())) {
      throw new WebError(
        'BACKEND_UNAVAILABLE',
        'this browser offers no WebGPU adapter: use device "wasm" (or a browser with WebGPU enabled)',
      );
    }
    lockOrtEnv();
    const executionProviders = options.executionProviders ?? [this.device];
    const sessionOptions: ort.InferenceSession.SessionOptions = {
      executionProviders: [...executionProviders] as ort.InferenceSession.SessionOptions['executionProviders'],
      graphOptimizationLevel: 'all',
    };
    if (options.intraOpNumThreads) sessionOptions.intraOpNumThreads = options.intraOpNumThreads;
    try {
      return new WebSession(await ort.InferenceSession.create(model, sessionOptions));
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      throw new WebError(
        'SESSION_FAILED',
        `onnxruntime-web (${executionProviders.join(', ')}) could not load the model: ${why}. ${sessionFailureHint()}`,
        { cause: err },
      );
    }
  }
}

/** A `WebBackend` with these options. */
export function createWebBackend(options: WebBackendOptions = {}): WebBackend {
  return new WebBackend(options);
}

const backends = new Map<WebDevice, WebBackend>();

/** One backend object per device is enough: ORT's environment is global to the page anyway. */
export function backendFor(device: WebDevice = 'wasm'): WebBackend {
  let b = backends.get(device);
  if (b === undefined) {
    b = new WebBackend({ device });
    backends.set(device, b);
  }
  return b;
}
