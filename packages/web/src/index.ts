// @convbert/web: ConvBERT in the browser on onnxruntime-web (wasm and WebGPU).
/** @module @convbert/web */

export { type ConvBertConfig, ConvBertConfigError, ConvBertError, parseConfig } from '@convbert/config';
export {
  type Backend,
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
export { buildConvBertEncoder } from '@convbert/core/graph';
export { pipeline as createPipeline } from '@convbert/heads';
export { ConvBertTokenizer, ConvBertTokenizerFast, type Encoding, TokenizerError } from '@convbert/tokenizer';
export { backendFor, createWebBackend, WEB_DEVICES, WebBackend, type WebBackendOptions, type WebDevice } from './backend/backend.js';
export { configureOrt, defaultNumThreads, type OrtWasmPaths, type OrtWebOptions, ortEnvInfo } from './backend/env.js';
export { isWebGpuAvailable } from './backend/webgpu.js';
export { WebError, type WebErrorCode } from './errors.js';
export * from './platform.js';
export { FileSource, filesFromDataTransfer, type NamedFile } from './sources/file-source.js';
export { CacheStorageGraphCache, DEFAULT_GRAPH_CACHE_NAME } from './sources/graph-cache.js';
export { clearHubCache, DEFAULT_CACHE_NAME, type HubProgress, type WebHubOptions, WebHubSource } from './sources/hub-source.js';
export { type ModelRef, resolveSource, type SourceOptions } from './sources/open.js';
export { UrlSource, type UrlSourceOptions } from './sources/url-source.js';
export { PipelineWorker, type WorkerPipeline } from './worker/client.js';
