import { type Backend, checkDType, checkOptions, type DType, type GraphCache, type LoadOptions, type ModelSource } from '@convbert/core';
import { type NodeBackendOptions, OnnxruntimeNodeBackend } from './backend/onnxruntime-node.js';
import { FileGraphCache } from './graph-cache.js';
import { openSource, type SourceOptions } from './source/open.js';

/** What every `fromPretrained` of this package accepts. */
export interface NodeLoadOptions extends SourceOptions, Omit<NodeBackendOptions, 'executionProviders'> {
  dtype?: DType;
  format?: LoadOptions['format'];
  onnxFile?: string;
  /** A PyTorch class loads a TensorFlow checkpoint (`tf_model.h5`), like transformers' `from_tf=True`. */
  fromTF?: boolean;
  /** A TFConvBert* class loads a PyTorch checkpoint (model.safetensors, pytorch_model.bin), like `from_pt=True`. */
  fromPT?: boolean;
  /** Keep built graphs in `<cache>/graphs` (default), another cache, or `false` for none. */
  graphCache?: GraphCache | false;
  /** Where the model runs instead of onnxruntime-node, e.g. `remote(url)` (an inference server). */
  backend?: Backend;
}

/**
 * The keys of `NodeLoadOptions`. Each bag is checked against them (snake_case spellings such as
 * `cache_dir` or `local_files_only` are taken too), so a misspelt option is refused with the
 * nearest valid name instead of being ignored.
 */
export const NODE_LOAD_KEYS = [
  'revision',
  'cacheDir',
  'localFilesOnly',
  'token',
  'endpoint',
  'timeoutMs',
  'retries',
  'onProgress',
  'device',
  'intraOpNumThreads',
  'interOpNumThreads',
  'graphOptimizationLevel',
  'batchTokens',
  'dtype',
  'format',
  'onnxFile',
  'fromTF',
  'fromPT',
  'graphCache',
  'backend',
] as const;

/** Checked loader options: known keys only (aliases renamed), a dtype of `DTYPES`. */
export function checkLoadOptions(options: unknown, where: string, extraKeys: readonly string[] = []): NodeLoadOptions {
  const o = checkOptions<NodeLoadOptions & Record<string, unknown>>(options, { known: [...NODE_LOAD_KEYS, ...extraKeys] }, where);
  checkDType(o.dtype, where);
  return o;
}

export interface NodeLoadContext {
  source: ModelSource;
  backend: Backend;
  graphCache: GraphCache | undefined;
  load: LoadOptions;
}

/** The file source, backend and graph cache for one `fromPretrained` call. */
export async function nodeLoadContext(
  idOrDir: string,
  options: NodeLoadOptions = {},
  where = 'fromPretrained options',
): Promise<NodeLoadContext> {
  const {
    device,
    intraOpNumThreads,
    interOpNumThreads,
    graphOptimizationLevel,
    batchTokens,
    dtype,
    format,
    onnxFile,
    fromTF,
    fromPT,
    graphCache,
    backend,
    ...sourceOptions
  } = checkLoadOptions(options, where);
  return {
    source: await openSource(idOrDir, sourceOptions),
    backend: backend ?? new OnnxruntimeNodeBackend({ device, intraOpNumThreads, interOpNumThreads, graphOptimizationLevel, batchTokens }),
    graphCache: graphCache === false ? undefined : (graphCache ?? new FileGraphCache(sourceOptions.cacheDir)),
    load: { dtype, format, onnxFile, fromTF, fromPT, onProgress: sourceOptions.onProgress },
  };
}
