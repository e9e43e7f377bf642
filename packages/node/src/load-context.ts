import type { DType, GraphCache, LoadOptions, ModelSource } from '@convbert/core';
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
}

export interface NodeLoadContext {
  source: ModelSource;
  backend: OnnxruntimeNodeBackend;
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
    fromTF,
    fromPT,
    graphCache,
    ...sourceOptions
  } = options;
  return {
    source: await openSource(idOrDir, sourceOptions),
    backend: new OnnxruntimeNodeBackend({ device, intraOpNumThreads, interOpNumThreads, graphOptimizationLevel }),
    graphCache: graphCache === false ? undefined : (graphCache ?? new FileGraphCache(sourceOptions.cacheDir)),
    load: { dtype, format, onnxFile, fromTF, fromPT, onProgress: sourceOptions.onProgress },
  };
}
