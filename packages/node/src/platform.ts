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
} = node;

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

export type TaskName = PipelineTask;
/** Loading options (where the model comes from and how it runs) plus the task's default call options. */
export type PipelineOptions<T extends PipelineTask = PipelineTask> = Options<NodeLoadOptions, T>;
export type NodePipeline<T extends PipelineTask> = PlatformPipeline<T>;
