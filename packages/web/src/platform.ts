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
  /** The bare encoder (`transformers.ConvBertModel`): `forward` gives `lastHiddenState`, and on request every layer's hidden states, attentions and convolution kernels. */
  ConvBertModel,
  /** `transformers.ConvBertForMaskedLM`: the masked-LM (generator) head; logits over the vocabulary at every position. */
  ConvBertForMaskedLM,
  /** `transformers.ConvBertForSequenceClassification`: one row of `num_labels` logits per sequence (regression when `num_labels` is 1). */
  ConvBertForSequenceClassification,
  /** `transformers.ConvBertForTokenClassification`: `num_labels` logits per token (NER, POS tagging). */
  ConvBertForTokenClassification,
  /** `transformers.ConvBertForQuestionAnswering`: start and end logits per token for extractive QA. */
  ConvBertForQuestionAnswering,
  /** `transformers.ConvBertForMultipleChoice`: one logit per choice, inputs `[batch, num_choices, seq]`. */
  ConvBertForMultipleChoice,
  /** The TensorFlow twin of `ConvBertModel` (`transformers.TFConvBertModel`): the same graph, `tf_model.h5` preferred when a folder has both. */
  TFConvBertModel,
  /** The TensorFlow twin of `ConvBertForMaskedLM` (`transformers.TFConvBertForMaskedLM`): the same graph, `tf_model.h5` preferred when a folder has both. */
  TFConvBertForMaskedLM,
  /** The TensorFlow twin of `ConvBertForSequenceClassification` (`transformers.TFConvBertForSequenceClassification`): the same graph, `tf_model.h5` preferred when a folder has both. */
  TFConvBertForSequenceClassification,
  /** The TensorFlow twin of `ConvBertForTokenClassification` (`transformers.TFConvBertForTokenClassification`): the same graph, `tf_model.h5` preferred when a folder has both. */
  TFConvBertForTokenClassification,
  /** The TensorFlow twin of `ConvBertForQuestionAnswering` (`transformers.TFConvBertForQuestionAnswering`): the same graph, `tf_model.h5` preferred when a folder has both. */
  TFConvBertForQuestionAnswering,
  /** The TensorFlow twin of `ConvBertForMultipleChoice` (`transformers.TFConvBertForMultipleChoice`): the same graph, `tf_model.h5` preferred when a folder has both. */
  TFConvBertForMultipleChoice,
  /** `transformers.AutoConfig`: `fromPretrained` reads a model's `config.json`. */
  AutoConfig,
  /** `transformers.AutoModel`: the bare encoder of any ConvBERT checkpoint. */
  AutoModel,
  /** `transformers.AutoModelForMaskedLM`: the masked-LM class for the checkpoint's `architectures`. */
  AutoModelForMaskedLM,
  /** `transformers.AutoModelForSequenceClassification`: the sequence-classification class for the checkpoint's `architectures` (PyTorch or TF). */
  AutoModelForSequenceClassification,
  /** `transformers.AutoModelForTokenClassification`: the token-classification class for the checkpoint's `architectures` (PyTorch or TF). */
  AutoModelForTokenClassification,
  /** `transformers.AutoModelForQuestionAnswering`: the question-answering class for the checkpoint's `architectures` (PyTorch or TF). */
  AutoModelForQuestionAnswering,
  /** `transformers.AutoModelForMultipleChoice`: the multiple-choice class for the checkpoint's `architectures` (PyTorch or TF). */
  AutoModelForMultipleChoice,
  /** `transformers.AutoTokenizer`: `ConvBertTokenizerFast` from `tokenizer.json`, or `ConvBertTokenizer` from `vocab.txt` (`useFast: false`). */
  AutoTokenizer,
  /** `transformers.pipeline(task, model, options)`: a callable pipeline for the task, the task's default model when none is given; `dispose()` releases it. */
  pipeline,
} = web;

// The classes as types too (`let model: ConvBertModel`).
/** An instance of `ConvBertModel`. */
export type ConvBertModel = InstanceType<typeof ConvBertModel>;
/** An instance of `ConvBertForMaskedLM`. */
export type ConvBertForMaskedLM = InstanceType<typeof ConvBertForMaskedLM>;
/** An instance of `ConvBertForSequenceClassification`. */
export type ConvBertForSequenceClassification = InstanceType<typeof ConvBertForSequenceClassification>;
/** An instance of `ConvBertForTokenClassification`. */
export type ConvBertForTokenClassification = InstanceType<typeof ConvBertForTokenClassification>;
/** An instance of `ConvBertForQuestionAnswering`. */
export type ConvBertForQuestionAnswering = InstanceType<typeof ConvBertForQuestionAnswering>;
/** An instance of `ConvBertForMultipleChoice`. */
export type ConvBertForMultipleChoice = InstanceType<typeof ConvBertForMultipleChoice>;
/** An instance of `TFConvBertModel`. */
export type TFConvBertModel = InstanceType<typeof TFConvBertModel>;
/** An instance of `TFConvBertForMaskedLM`. */
export type TFConvBertForMaskedLM = InstanceType<typeof TFConvBertForMaskedLM>;
/** An instance of `TFConvBertForSequenceClassification`. */
export type TFConvBertForSequenceClassification = InstanceType<typeof TFConvBertForSequenceClassification>;
/** An instance of `TFConvBertForTokenClassification`. */
export type TFConvBertForTokenClassification = InstanceType<typeof TFConvBertForTokenClassification>;
/** An instance of `TFConvBertForQuestionAnswering`. */
export type TFConvBertForQuestionAnswering = InstanceType<typeof TFConvBertForQuestionAnswering>;
/** An instance of `TFConvBertForMultipleChoice`. */
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
/** What `pipeline` returns: call it like the task's pipeline; `dispose()` releases the model. */
export type WebPipeline<T extends PipelineTask> = PlatformPipeline<T>;
