// `@convbert/web`'s platform: models from the hub (fetch + Cache Storage), folder URLs or any
// ModelSource (dropped files, memory), onnxruntime-web (wasm, WebGPU), built graphs in Cache
// Storage when asked; every class, Auto*, AutoTokenizer and pipeline() come from the shared
// factory of @convbert/heads (`@convbert/node` supplies Node's).
import { type Backend, ConvBertEncoder, type SessionOptions } from '@convbert/core';
import { createPlatform, type ModelLoadingOptions, type PipelineOptions, type PipelineTask, type PlatformPipeline } from '@convbert/heads';
import { backendFor, type WebDevice } from './backend/backend.js';
import { WebError } from './errors.js';
import { CacheStorageGraphCache } from './sources/graph-cache.js';
import { type ModelRef, resolveSource, type SourceOptions } from './sources/open.js';

// Everything of @convbert/heads (pipelines, post-processing, errors); the model classes and
// pipeline() below are this package's own (they load through the browser) and take precedence.
export * from '@convbert/heads';

/** How a model runs in the browser: the device, and ONNX Runtime's session options. */
export interface WebRunOptions {
  /** `wasm` (default) or `webgpu`. */
  device?: WebDevice;
  session?: SessionOptions;
}

/** What every `fromPretrained` of this package accepts (`graphCache: true` keeps built graphs in Cache Storage). */
export interface WebLoadOptions extends SourceOptions, WebRunOptions, ModelLoadingOptions {}

/** The device's backend, creating sessions with `session`'s settings. */
function runOn({ device, session }: WebRunOptions): Backend {
  const backend = backendFor(device);
  // ONNX Runtime's wasm downloads and compiles while the model's files are read and its graph
  // built, instead of after (its failures are reported by the session that needs it).
  void backend.prepare();
  if (session === undefined) return backend;
  return { name: backend.name, createSession: (model, options) => backend.createSession(model, { ...session, ...options }) };
}

const web = createPlatform<ModelRef, SourceOptions, WebRunOptions>({
  sourceKeys: ['endpoint', 'revision', 'token', 'cache', 'localFilesOnly', 'timeoutMs', 'deadlineMs', 'maxBytes', 'fetch'],
  backendKeys: ['device', 'session'],
  openSource: resolveSource,
  createBackend: runOn,
  graphCache: (option) => (option === true ? new CacheStorageGraphCache() : option === false ? undefined : option),
  defaultModel: (task) => {
    throw new WebError(
      'INVALID_ARGUMENT',
      `pipeline("${task}") needs a model: a hub id, a folder URL or a ModelSource (there are no embedded models in the browser package)`,
    );
  },
});

export const {
  ConvBertModel,
  ConvBertForMaskedLM,
  ConvBertForSequenceClassification,
  ConvBertForTokenClassification,
  ConvBertForQuestionAnswering,
  ConvBertForMultipleChoice,
  TFConvBertModel,
  TFConvBertForMaskedLM,
  TFConvBertForSequenceClassification,
  TFConvBertForTokenClassification,
  TFConvBertForQuestionAnswering,
  TFConvBertForMultipleChoice,
  AutoConfig,
  AutoModel,
  AutoModelForMaskedLM,
  AutoModelForSequenceClassification,
  AutoModelForTokenClassification,
  AutoModelForQuestionAnswering,
  AutoModelForMultipleChoice,
  AutoTokenizer,
  pipeline,
} = web;

// The classes as types too (`let model: ConvBertModel`).
export type ConvBertModel = InstanceType<typeof ConvBertModel>;
export type ConvBertForMaskedLM = InstanceType<typeof ConvBertForMaskedLM>;
export type ConvBertForSequenceClassification = InstanceType<typeof ConvBertForSequenceClassification>;
export type ConvBertForTokenClassification = InstanceType<typeof ConvBertForTokenClassification>;
export type ConvBertForQuestionAnswering = InstanceType<typeof ConvBertForQuestionAnswering>;
export type ConvBertForMultipleChoice = InstanceType<typeof ConvBertForMultipleChoice>;
export type TFConvBertModel = InstanceType<typeof TFConvBertModel>;
export type TFConvBertForMaskedLM = InstanceType<typeof TFConvBertForMaskedLM>;
export type TFConvBertForSequenceClassification = InstanceType<typeof TFConvBertForSequenceClassification>;
export type TFConvBertForTokenClassification = InstanceType<typeof TFConvBertForTokenClassification>;
export type TFConvBertForQuestionAnswering = InstanceType<typeof TFConvBertForQuestionAnswering>;
export type TFConvBertForMultipleChoice = InstanceType<typeof TFConvBertForMultipleChoice>;

/**
 * The bare encoder from any folder, an ONNX export without config.json too (`ConvBertModel` needs
 * one): `last_hidden_state`, and for a graph built from the checkpoint also hidden states,
 * attention probabilities and dynamic-convolution kernels.
 */
export function loadEncoder(model: ModelRef, options?: WebLoadOptions): Promise<ConvBertEncoder> {
  return web.fromPretrained(ConvBertEncoder, model, options, 'loadEncoder options');
}

/** @deprecated The same as `WebLoadOptions` (one loader option type for every class). */
export type WebHeadLoadOptions = WebLoadOptions;
/** Loading options (where from, which device), `useFast`, `timings`, plus the task's default call options. */
export type WebPipelineOptions<T extends PipelineTask = PipelineTask> = PipelineOptions<WebLoadOptions, T>;
export type WebPipeline<T extends PipelineTask> = PlatformPipeline<T>;
