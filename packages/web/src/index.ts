// @convbert/web: ConvBERT in the browser on onnxruntime-web (wasm and WebGPU).

export { type ConvBertConfig, ConvBertConfigError, ConvBertError, parseConfig } from '@convbert/config';
export {
  type Backend,
  buildConvBertEncoder,
  ConvBertEncoder,
  CoreError,
  type EncoderInputs,
  type EncoderOutput,
  type ForwardOptions,
  HubError,
  type HubErrorCode,
  MemorySource,
  type ModelSource,
  OptionsError,
  OUTPUT_NAMES,
  type Session,
  type SessionOptions,
} from '@convbert/core';
// Everything of @convbert/heads (pipelines, post-processing, errors); the model classes and
// pipeline() below are this package's own (they load through the browser) and take precedence.
export * from '@convbert/heads';
export { pipeline as createPipeline } from '@convbert/heads';
export { ConvBertTokenizer, ConvBertTokenizerFast, type Encoding, TokenizerError } from '@convbert/tokenizer';
export { WebError, type WebErrorCode } from './errors.js';
export {
  AutoConfig,
  AutoModel,
  AutoModelForMaskedLM,
  AutoModelForMultipleChoice,
  AutoModelForQuestionAnswering,
  AutoModelForSequenceClassification,
  AutoModelForTokenClassification,
} from './load/auto.js';
export { backendFor } from './load/backends.js';
export { loadEncoder, type WebLoadOptions } from './load/encoder.js';
export {
  ConvBertForMaskedLM,
  ConvBertForMultipleChoice,
  ConvBertForQuestionAnswering,
  ConvBertForSequenceClassification,
  ConvBertForTokenClassification,
  ConvBertModel,
  type WebHeadLoadOptions,
} from './load/models.js';
export { pipeline, type WebPipeline, type WebPipelineOptions } from './load/pipeline.js';
export { type ModelRef, resolveSource, type SourceOptions } from './load/source.js';
export {
  TFConvBertForMaskedLM,
  TFConvBertForMultipleChoice,
  TFConvBertForQuestionAnswering,
  TFConvBertForSequenceClassification,
  TFConvBertForTokenClassification,
  TFConvBertModel,
} from './load/tf-models.js';
export { type ModelCall, type PipelineTimings, type TimedPipeline, timedPipeline } from './load/timings.js';
export { AutoTokenizer } from './load/tokenizers.js';
export { createWebBackend, WEB_DEVICES, WebBackend, type WebBackendOptions, type WebDevice } from './ort/backend.js';
export { configureOrt, defaultNumThreads, type OrtWasmPaths, type OrtWebOptions, ortEnvInfo } from './ort/env.js';
export { isWebGpuAvailable } from './ort/webgpu.js';
export { FileSource, filesFromDataTransfer, type NamedFile } from './sources/file-source.js';
export { CacheStorageGraphCache, DEFAULT_GRAPH_CACHE_NAME } from './sources/graph-cache.js';
export { clearHubCache, DEFAULT_CACHE_NAME, type HubProgress, type WebHubOptions, WebHubSource } from './sources/hub-source.js';
export { UrlSource, type UrlSourceOptions } from './sources/url-source.js';
export { PipelineWorker, type WorkerPipeline } from './worker/client.js';
