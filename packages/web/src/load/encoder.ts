import { ConvBertEncoder, checkDType, checkOptions, type EncoderLoadOptions, type GraphCache } from '@convbert/core';
import type { WebDevice } from '../ort/backend.js';
import { CacheStorageGraphCache } from '../sources/graph-cache.js';
import { backendFor } from './backends.js';
import { type ModelRef, resolveSource, type SourceOptions } from './source.js';

/** How a model loads in the browser: where from (hub settings), on which device, and core's load options. */
export interface WebLoadOptions extends Omit<EncoderLoadOptions, 'graphCache'>, SourceOptions {
  /** `wasm` (default) or `webgpu`. */
  device?: WebDevice;
  /** Keep graphs built from checkpoints: `true` for Cache Storage (`convbert-graphs`), or your own `GraphCache`. */
  graphCache?: GraphCache | boolean;
}

/** The keys of the web loader options (snake_case spellings such as `local_files_only` are taken too). */
export const WEB_LOAD_KEYS = [
  'endpoint',
  'revision',
  'token',
  'cache',
  'localFilesOnly',
  'timeoutMs',
  'fetch',
  'onProgress',
  'device',
  'dtype',
  'format',
  'onnxFile',
  'fromTF',
  'fromPT',
  'session',
  'graphCache',
] as const;

/** Refuses unknown (misspelt) loader options with the nearest valid name, and unknown dtypes. */
export function checkWebLoadOptions<O extends WebLoadOptions>(options: O, where: string, extraKeys: readonly string[] = []): O {
  const o = checkOptions<O>(options, { known: [...WEB_LOAD_KEYS, ...extraKeys] }, where);
  checkDType((o as WebLoadOptions).dtype, where);
  return o;
}

/** Core's load options for web options (`graphCache: true` → the Cache Storage graph cache). */
export function coreLoadOptions<O extends WebLoadOptions>(options: O): Omit<O, 'graphCache'> & { graphCache?: GraphCache } {
  const { graphCache, ...rest } = options;
  const cache = graphCache === true ? new CacheStorageGraphCache() : graphCache === false ? undefined : graphCache;
  return cache === undefined ? rest : { ...rest, graphCache: cache };
}

/**
 * The bare encoder (`ConvBertModel`): `last_hidden_state`, and for a graph built from the
 * checkpoint also hidden states, attention probabilities and dynamic-convolution kernels.
 */
export async function loadEncoder(model: ModelRef, options: WebLoadOptions = {}): Promise<ConvBertEncoder> {
  options = checkWebLoadOptions(options, 'loadEncoder options');
  return ConvBertEncoder.load(resolveSource(model, options), backendFor(options.device), coreLoadOptions(options));
}
