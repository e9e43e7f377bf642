// @convbert/node: ConvBERT in Node.js (and Bun, Deno) on onnxruntime-node.
export * from '@convbert/config';
export {
  CoreError,
  HubError,
  type ModelSource,
  OptionsError,
  RemoteBackend,
  type RemoteBackendOptions,
  remote,
  WeightsError,
} from '@convbert/core';
export { ConvBertHeadModel, HeadsError, PIPELINE_TASKS, type Pipeline, type PipelineTask, planBatches, Tensor } from '@convbert/heads';
export * from '@convbert/tokenizer';
export { type NodeBackendOptions, type NodeDevice, OnnxruntimeNodeBackend } from './backend/backend.js';
export { DEFAULT_MODEL_DIRS, defaultModelFor } from './default-models.js';
export { CacheUnwritable } from './errors.js';
export * from './platform.js';
export { createPool, type PipelinePool, type PoolOptions } from './pool/pool.js';
export { saveVocabulary } from './save-vocabulary.js';
export type { ServedModelSpec } from './serve/served-model.js';
export type { ConvBertServer, DrainReport, ServeLogOptions, ServeOptions } from './serve/server.js';
export { serve } from './serve.js';
export { DirectorySource } from './sources/directory.js';
export { type DownloadProgress, type HubDownloadOptions, hubDownload } from './sources/download.js';
export { FileGraphCache } from './sources/graph-cache.js';
export { HubSource, type HubSourceOptions } from './sources/hub-source.js';
export { openSource, type SourceOptions } from './sources/open.js';
