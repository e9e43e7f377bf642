// `@convbert/node`'s platform: model folders on disk and hub repos through the verified cache,
// onnxruntime-node, built graphs kept as files; every class, Auto*, AutoTokenizer and pipeline()
// come from the shared factory of @convbert/heads (`@convbert/web` supplies the browser's).
import {
  createPlatform,
  type ModelLoadingOptions,
  type PipelineOptions as Options,
  type PipelineTask,
  type PlatformPipeline,
} from '@convbert/heads';
import { wordPieceTokenizerJson } from '@convbert/tokenizer';
import { type NodeBackendOptions, OnnxruntimeNodeBackend } from './backend/backend.js';
import { defaultModelFor } from './default-models.js';
import { FileGraphCache } from './sources/graph-cache.js';
import { openSource, type SourceOptions } from './sources/open.js';

/** How a model runs on onnxruntime-node: the device, threads, graph optimisations, batch slicing. */
export type NodeRunOptions = Pick<
  NodeBackendOptions,
  'device' | 'intraOpNumThreads' | 'interOpNumThreads' | 'graphOptimizationLevel' | 'batchTokens'
>;

/** What every `fromPretrained` of this package accepts (the graph cache is on by default: `<cache>/graphs`). */
export interface NodeLoadOptions extends SourceOptions, NodeRunOptions, ModelLoadingOptions {}

const node = createPlatform<string, SourceOptions, NodeRunOptions>({
  sourceKeys: ['revision', 'cacheDir', 'localFilesOnly', 'token', 'endpoint', 'timeoutMs', 'deadlineMs', 'maxBytes', 'retries'],
  backendKeys: ['device', 'intraOpNumThreads', 'interOpNumThreads', 'graphOptimizationLevel', 'batchTokens'],
  openSource,
  createBackend: (options) => new OnnxruntimeNodeBackend(options),
  graphCache: (option, source) =>
    option === false ? undefined : option === true || option === undefined ? new FileGraphCache(source.cacheDir) : option,
  defaultModel: defaultModelFor,
  convertVocab: wordPieceTokenizerJson,
});

export const {
  /**
   * The bare encoder (`transformers.ConvBertModel`): `forward` gives `lastHiddenState`, and on request every layer's hidden states, attentions and convolution kernels.
   *
   * @example
   * ```js
   * import { ConvBertModel, DEFAULT_MODEL_DIRS } from '@convbert/node';
   *
   * // A folder or a hub id ('YituTech/conv-bert-base'); options: device, dtype, revision…
   * const model = await ConvBertModel.fromPretrained(DEFAULT_MODEL_DIRS['convbert-mini-mlm']);
   * const { lastHiddenState } = await model.forward({ inputIds: [[2, 1037, 3]] });
   * console.log(lastHiddenState.dims); // [1, 3, 128]
   * await model.dispose();
   * ```
   */
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
  /**
   * `transformers.pipeline(task, model, options)`: a callable pipeline for the task, the task's default model when none is given; `dispose()` releases it.
   *
   * @example
   * ```js
   * import { pipeline } from '@convbert/node';
   *
   * const classify = await pipeline('text-classification'); // the embedded convbert-mini-sst2
   * console.log(await classify('a gorgeous, witty, seductive movie.')); // [{ label: 'POSITIVE', score: 0.9995… }]
   * await classify.dispose();
   * ```
   */
  pipeline,
} = node;

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

/** A task name `pipeline` takes. */
export type TaskName = PipelineTask;
/** Loading options (where the model comes from and how it runs) plus the task's default call options. */
export type PipelineOptions<T extends PipelineTask = PipelineTask> = Options<NodeLoadOptions, T>;
/** What `pipeline` returns: call it like the task's pipeline; `dispose()` releases the model. */
export type NodePipeline<T extends PipelineTask> = PlatformPipeline<T>;
