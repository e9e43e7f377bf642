import type { Backend, Session, SessionOptions, Tensor } from '@convbert/core';
import type { InferenceSession } from 'onnxruntime-web';
import { WebError } from '../errors.js';
import { WEB_DEVICES, type WebDevice } from './device.js';
import { configureOrt, lockOrtEnv, type OrtWebOptions } from './env.js';
import { type OrtRuntime, ortRuntime } from './ort-runtime.js';
import { fromOrtTensor, toOrtTensor } from './tensors.js';
import { isWebGpuAvailable } from './webgpu.js';

export { WEB_DEVICES, type WebDevice } from './device.js';

export interface WebBackendOptions extends OrtWebOptions {
  /** Default `wasm`. */
  device?: WebDevice;
}

class WebSession implements Session {
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  private readonly ort: OrtRuntime;
  private session: InferenceSession | undefined;

  constructor(ort: OrtRuntime, session: InferenceSession) {
    this.ort = ort;
    this.session = session;
    this.inputNames = [...session.inputNames];
    this.outputNames = [...session.outputNames];
  }

  async run(feeds: Record<string, Tensor>, outputNames?: readonly string[]): Promise<Record<string, Tensor>> {
    const s = this.session;
    if (s === undefined) throw new WebError('MODEL_DISPOSED', 'the session was released: load the model again');
    const ortFeeds: Record<string, InstanceType<OrtRuntime['Tensor']>> = {};
    for (const [name, t] of Object.entries(feeds)) ortFeeds[name] = toOrtTensor(this.ort, t);
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
  /** `prepare`'s work; its failure (the wasm not found…) is what a session then reports. */
  private warming: Promise<unknown> | undefined;

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
    const executionProviders = options.executionProviders ?? [this.device];
    const sessionOptions: InferenceSession.SessionOptions = {
      executionProviders: [...executionProviders] as InferenceSession.SessionOptions['executionProviders'],
      graphOptimizationLevel: 'all',
    };
    if (options.intraOpNumThreads) sessionOptions.intraOpNumThreads = options.intraOpNumThreads;
    const warmUpFailure = await this.warming;
    if (warmUpFailure !== undefined) this.warming = undefined; // the next load starts afresh
    try {
      const ort = await ortRuntime(this.device);
      lockOrtEnv();
      return new WebSession(ort, await ort.InferenceSession.create(model, sessionOptions));
    } catch (failure) {
      // ORT remembers a failed start and says only that on later calls: report the first cause.
      const err = warmUpFailure ?? failure;
      const why = err instanceof Error ? err.message : String(err);
      // The hints are long and only a failure needs them: loaded then, not with the page.
      const hint = await import('./runtime.js').then(
        (m) => m.sessionFailureHint(),
        () => '',
      );
      throw new WebError('SESSION_FAILED', `onnxruntime-web (${executionProviders.join(', ')}) could not load the model: ${why}. ${hint}`, {
        cause: err,
      });
    }
  }

  /**
   * Starts what the first session needs — importing ONNX Runtime's build for the device, fetching
   * and compiling its wasm — while the model's files are still being read (the loaders call it).
   * Failures are left to `createSession`, which reports them with what to check.
   */
  async prepare(): Promise<void> {
    this.warming ??= Promise.all([ortRuntime(this.device), import('./warm-up.js')])
      .then(([ort, { warmUp }]) => {
        lockOrtEnv();
        return warmUp(ort);
      })
      .catch((err: unknown) => err);
    await this.warming;
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
