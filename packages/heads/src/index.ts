// Model outputs are core's OutputTensor: `Tensor` to users, as transformers.js names it.
/** @module @convbert/heads */
export { OutputTensor as Tensor, type TensorType } from '@convbert/core';
export { type BatchInputs, type BatchingMode, chunk, collate, planBatches, runBatched } from './batching.js';
export { HeadsError, type HeadsErrorCode, PipelineError } from './errors.js';
export { type LabelsInput, normalizeLabels } from './labels.js';
// The losses are at `@convbert/heads/losses`: the models load them with the first labelled call.
export type { LogitsLike, ProblemType } from './losses.js';
export {
  type ArchitectureEntry,
  type AutoContext,
  type AutoTask,
  autoLoad,
  chooseArchitecture,
  makeAutoClasses,
  readModelConfig,
  registerArchitecture,
  registeredArchitectures,
} from './models/auto.js';
export { type ChoiceInputs, type ChoiceMatrix, prepareChoiceFeeds } from './models/choice-inputs.js';
export { loadEitherFramework } from './models/framework-fallback.js';
export {
  addMaskedLMHead,
  addQuestionAnsweringHead,
  addSequenceClassificationHead,
  addTokenClassificationHead,
  type BuildHeadOptions,
  buildHeadGraph,
  HEAD_KINDS,
  HEAD_OUTPUTS,
  type HeadKind,
} from './models/head-graphs.js';
export { ConvBertHeadModel, type HeadModelInfo, headGraph } from './models/head-model.js';
export {
  ConvBertForMaskedLM,
  ConvBertForMultipleChoice,
  ConvBertForQuestionAnswering,
  ConvBertForSequenceClassification,
  ConvBertForTokenClassification,
  type HeadInputs,
  type LabelledChoiceInputs,
  type LabelledEncoderInputs,
  type MaskedLMOutput,
  type MultipleChoiceModelOutput,
  type QaInputs,
  type QuestionAnsweringEncoderInputs,
  type QuestionAnsweringModelOutput,
  type SequenceClassifierOutput,
  type TokenClassifierOutput,
} from './models/heads.js';
export { ConvBertModel } from './models/model.js';
export { loadModelForTask, TASK_HEADS, type TaskModels } from './models/registry.js';
export {
  TFConvBertForMaskedLM,
  TFConvBertForMultipleChoice,
  TFConvBertForQuestionAnswering,
  TFConvBertForSequenceClassification,
  TFConvBertForTokenClassification,
  TFConvBertModel,
} from './models/tf-heads.js';
export type {
  BaseModelOutput,
  FeatureExtractionModelLike,
  LabelledInputs,
  LogitsOutput,
  MaskedLMLike,
  ModelInputs,
  MultipleChoiceLike,
  QuestionAnsweringInputs,
  QuestionAnsweringLike,
  QuestionAnsweringOutput,
  SequenceClassificationLike,
  TokenClassificationLike,
} from './models/types.js';
export type { BatchOptions, TruncationPolicy } from './pipelines/common.js';
export { type FeatureExtractionOptions, FeatureExtractionPipeline } from './pipelines/feature-extraction.js';
export { type FillMaskOptions, type FillMaskOutput, FillMaskPipeline } from './pipelines/fill-mask.js';
export { type MultipleChoiceInput, type MultipleChoiceOptions, MultipleChoicePipeline } from './pipelines/multiple-choice.js';
export {
  checkPipelineTask,
  PIPELINE_TASKS,
  type Pipeline,
  type PipelineTask,
  pipeline,
  type TaskModelLike,
  type TaskOptions,
} from './pipelines/pipeline.js';
export {
  type QuestionAnsweringInput,
  type QuestionAnsweringOptions,
  QuestionAnsweringPipeline,
  type QuestionAnsweringResult,
} from './pipelines/question-answering.js';
export {
  type TextClassificationInput,
  type TextClassificationOptions,
  TextClassificationPipeline,
  type TextPair,
} from './pipelines/text-classification.js';
export { type ModelCall, type PipelineTimings, type TimedPipeline, timedPipeline } from './pipelines/timings.js';
export { type TokenClassificationOptions, TokenClassificationPipeline } from './pipelines/token-classification.js';
export {
  createPlatform,
  type FromPretrained,
  type ModelLoadingOptions,
  type PipelineOptions,
  type Platform,
  type PlatformClass,
  type PlatformPipeline,
} from './platform/create-platform.js';
export type { PipelineLoadExtras } from './platform/pipeline-options.js';
export { type Pooling, poolHiddenStates } from './postprocess/feature-extraction.js';
export { type FillMaskPrediction, fillMaskPostprocess, resolveTargetIds } from './postprocess/fill-mask.js';
export { type MultipleChoiceScore, multipleChoicePostprocess } from './postprocess/multiple-choice.js';
export {
  buildPMask,
  decodeSpans,
  type QaWindow,
  type QuestionAnsweringAnswer,
  questionAnsweringPostprocess,
  selectStartsEnds,
} from './postprocess/question-answering.js';
export {
  type ClassificationFunction,
  type ClassificationLabel,
  defaultFunctionToApply,
  textClassificationPostprocess,
} from './postprocess/text-classification.js';
export {
  AGGREGATION_STRATEGIES,
  type AggregationStrategy,
  type TokenClassificationEntity,
  tokenClassificationPostprocess,
} from './postprocess/token-classification.js';
export type { FloatTensor, IntTensor } from './tensor.js';

export type { DecodeOptionsLike, EncodeOptionsLike, EncodingLike, TokenizerLike } from './tokenizer.js';
export { loadTokenizer, type TokenizerLoadOptions, type VocabConverter } from './tokenizer-loader.js';
