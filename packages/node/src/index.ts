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
export {
  ConvBertHeadModel,
  HeadsError,
  PIPELINE_TASKS,
  type Pipeline,
  type PipelineTask,
  planBatches,
  Tensor,
} from '@convbert/heads';
export * from '@convbert/tokenizer';
export {
  AutoConfig,
  AutoModel,
  AutoModelForMaskedLM,
  AutoModelForMultipleChoice,
  AutoModelForQuestionAnswering,
  AutoModelForSequenceClassification,
  AutoModelForTokenClassification,
} from './auto.js';
export { type NodeBackendOptions, type NodeDevice, OnnxruntimeNodeBackend } from './backend/onnxruntime-node.js';
export { DEFAULT_MODEL_DIRS, defaultModelFor } from './default-models.js';
export { FileGraphCache } from './graph-cache.js';
export {
  ConvBertForMaskedLM,
  ConvBertForMultipleChoice,
  ConvBertForQuestionAnswering,
  ConvBertForSequenceClassification,
  ConvBertForTokenClassification,
} from './heads.js';
export { type DownloadProgress, type HubDownloadOptions, hubDownload } from './hub/download.js';
export { HubSource, type HubSourceOptions } from './hub/hub-source.js';
export type { NodeLoadOptions } from './load-context.js';
export { ConvBertModel } from './model.js';
export { type NodePipeline, type PipelineOptions, pipeline, type TaskName } from './pipeline.js';
export { createPool, type PipelinePool, type PoolOptions } from './pool/pool.js';
export { saveVocabulary } from './save-vocabulary.js';
export { serve } from './serve/lazy.js';
export type { ServedModelSpec } from './serve/served-model.js';
export type { ConvBertServer, ServeOptions } from './serve/server.js';
export { DirectorySource } from './source/directory.js';
export { openSource, type SourceOptions } from './source/open.js';
export {
  TFConvBertForMaskedLM,
  TFConvBertForMultipleChoice,
  TFConvBertForQuestionAnswering,
  TFConvBertForSequenceClassification,
  TFConvBertForTokenClassification,
  TFConvBertModel,
} from './tf-models.js';
export { AutoTokenizer } from './tokenizers.js';
