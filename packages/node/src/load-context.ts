import type { Backend, DType, GraphCache, LoadOptions, ModelSource } from '@convbert/core';
import { type NodeBackendOptions, OnnxruntimeNodeBackend } from './backend/onnxruntime-node.js';
import { FileGraphCache } from './graph-cache.js';
import { openSource, type SourceOptions } from './source/open.js';

/** What every `fromPretrained` of this package accepts. */
export interface NodeLoadOptions extends SourceOptions, Omit<NodeBackendOptions, 'executionProviders'> {
  dtype?: DType;
  format?: LoadOptions['format'];
  onnxFile?: string;
  /** Keep built graphs in `<cache>/graphs` (default), another cache, or `false` for none. */
  graphCache?: GraphCache | false;
  /** Where the model runs instead of onnxruntime-node, e.g. `remote(url)` (an inference server). */
  backend?: Backend;
}

export interface NodeLoadContext {
  source: ModelSource;
  backend: Backend;
  graphCache: GraphCache | undefined;
  load: LoadOptions;
}

/** The file source, backend and graph cache for one `fromPretrained` call. */
export async function nodeLoadContext(idOrDir: string, options: NodeLoadOptions = {}): Promise<NodeLoadContext> {
  const {
    device,
    intraOpNumThreads,
    interOpNumThreads,
    graphOptimizationLevel,
    dtype,
    format,
    onnxFile,
    graphCache,
    backend,
    ...sourceOptions
  } = options;
  return {
    source: await openSource(idOrDir, sourceOptions),
    backend: backend ?? new OnnxruntimeNodeBackend({ device, intraOpNumThreads, interOpNumThreads, graphOptimizationLevel }),
    graphCache: graphCache === false ? undefined : (graphCache ?? new FileGraphCache(sourceOptions.cacheDir)),
    load: { dtype, format, onnxFile, onProgress: sourceOptions.onProgress },
  };
}
