import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import {
  type Backend,
  BatchSlicingSession,
  batchAxesFromShapes,
  CoreError,
  checkBatchTokens,
  type Session,
  type SessionOptions,
  type Tensor,
} from '@convbert/core';
import type * as Ort from 'onnxruntime-node';
import { denoPermissionsMissing, missingDenoPermissions, nativeAddonUnavailable } from './runtime.js';
import { fromOrtTensor, toOrtTensor } from './tensors.js';

// Loaded on the first session, not at import: importing @convbert/node must work where native
// addons may not load (Deno without --allow-ffi), so that the failure is a typed error naming
// the missing permission instead of a stack trace at import time.
let ort: typeof Ort;
let loading: Promise<typeof Ort> | undefined;

function loadOrt(): Promise<typeof Ort> {
  const missing = missingDenoPermissions();
  if (missing.length > 0) return Promise.reject(denoPermissionsMissing(missing));
  loading ??= import('onnxruntime-node').then(
    (m) => {
      ort = m;
      return m;
    },
    (err: unknown) => {
      loading = undefined;
      throw nativeAddonUnavailable(err);
    },
  );
  return loading;
}

class OrtNodeSession implements Session {
  constructor(private readonly inner: Ort.InferenceSession) {}

  get inputNames(): readonly string[] {
    return this.inner.inputNames;
  }

  get outputNames(): readonly string[] {
    return this.inner.outputNames;
  }

  async run(feeds: Record<string, Tensor>, outputNames?: readonly string[]): Promise<Record<string, Tensor>> {
    const ortFeeds = Object.fromEntries(Object.entries(feeds).map(([k, v]) => [k, toOrtTensor(ort, v)]));
    const out = outputNames === undefined ? await this.inner.run(ortFeeds) : await this.inner.run(ortFeeds, [...outputNames]);
    return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, fromOrtTensor(v)]));
  }

  async release(): Promise<void> {
    await this.inner.release();
  }
}

/** Where onnxruntime-node runs a model: CPU, WebGPU (bundled provider) or CUDA (installed with `ONNXRUNTIME_NODE_INSTALL=cuda12`). */
export type NodeDevice = 'cpu' | 'webgpu' | 'cuda';

/** How `OnnxruntimeNodeBackend` makes sessions: device, threads, graph optimisation, batch slicing. */
export interface NodeBackendOptions extends SessionOptions {
  /**
   * Where the model runs: `cpu`; `webgpu` (bundled provider, needs a GPU adapter); `cuda` (needs onnxruntime-node's CUDA opt-in install).
   * @default 'cpu'
   */
  device?: NodeDevice;
  /** Threads across independent operators (only used with `executionMode: 'parallel'`). */
  interOpNumThreads?: number;
  /**
   * ONNX Runtime's graph optimisations.
   * @default 'all'
   */
  graphOptimizationLevel?: 'disabled' | 'basic' | 'extended' | 'all';
  /**
   * On the CPU, a larger batch runs as consecutive calls of whole rows of at most this many
   * tokens, whose activations stay in the core's cache; `Infinity` runs every
   * batch in one call. Other devices always run the batch whole.
   * @default 512
   */
  batchTokens?: number;
}

/** Tokens per call on the CPU: measured best of 256–4096 at 32 × 128 (medium-small) and 32 × 64 (base). */
export const CPU_BATCH_TOKENS = 512;

function cudaProviderInstalled(): boolean {
  try {
    const pkg = createRequire(import.meta.url).resolve('onnxruntime-node/package.json');
    return existsSync(join(dirname(pkg), 'bin', 'napi-v6', process.platform, process.arch, 'libonnxruntime_providers_cuda.so'));
  } catch {
    return false;
  }
}

function providersFor(device: NodeDevice): string[] {
  if (device === 'cpu') return ['cpu'];
  if (device === 'webgpu') return ['webgpu'];
  if (device === 'cuda') {
    if (!cudaProviderInstalled()) {
      throw new CoreError(
        'BACKEND_UNAVAILABLE',
        "device 'cuda' needs onnxruntime-node's CUDA provider, which is not installed: reinstall it with ONNXRUNTIME_NODE_INSTALL=cuda12 (and allow its install script), on a machine with CUDA 12 and cuDNN 9",
      );
    }
    return ['cuda', 'cpu'];
  }
  throw new CoreError('INVALID_OPTION', `unknown device ${JSON.stringify(device)}: use cpu, webgpu or cuda`);
}

/** ONNX Runtime for Node.js; CPU unless another device is asked for. */
export class OnnxruntimeNodeBackend implements Backend {
  readonly name = 'onnxruntime-node';
  readonly externalData = true;
  private readonly defaults: NodeBackendOptions;

  constructor(defaults: NodeBackendOptions = {}) {
    if (defaults.batchTokens !== undefined) checkBatchTokens(defaults.batchTokens);
    this.defaults = defaults;
  }

  /** An onnxruntime-node session of the ONNX bytes on the chosen device. */
  async createSession(model: Uint8Array, options: SessionOptions = {}): Promise<Session> {
    const o: NodeBackendOptions = { ...this.defaults, ...options };
    const device = o.device ?? 'cpu';
    const executionProviders = [...(o.executionProviders ?? providersFor(device))];
    await loadOrt();
    try {
      const session = await ort.InferenceSession.create(model, {
        executionProviders,
        graphOptimizationLevel: o.graphOptimizationLevel ?? 'all',
        ...(o.intraOpNumThreads ? { intraOpNumThreads: o.intraOpNumThreads } : {}),
        ...(o.interOpNumThreads ? { interOpNumThreads: o.interOpNumThreads } : {}),
        // A graph whose weights stay in a local file: ORT reads them there (locations are relative).
        ...(o.externalDataFolder ? { extra: { session: { model_external_initializers_file_folder_path: o.externalDataFolder } } } : {}),
      });
      const plain = new OrtNodeSession(session);
      const axes = device === 'cpu' ? batchAxesFromShapes(session.inputMetadata, session.outputMetadata) : undefined;
      return axes === undefined ? plain : new BatchSlicingSession(plain, axes, o.batchTokens ?? CPU_BATCH_TOKENS);
    } catch (err) {
      if (device !== 'cpu') {
        throw new CoreError(
          'BACKEND_UNAVAILABLE',
          `onnxruntime-node could not start the ${device} device (${(err as Error).message.split('\n')[0]}); use device 'cpu'${device === 'webgpu' ? ' or run on a machine with a GPU adapter' : ''}`,
          { cause: err },
        );
      }
      throw err;
    }
  }
}
