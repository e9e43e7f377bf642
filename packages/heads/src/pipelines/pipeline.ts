// `pipeline(task, model, tokenizer, options)`: the task pipelines as callables, whatever backend the
// model runs on (the node and web packages load the model and the tokenizer, then call this).
import { HeadsError } from '../errors.js';
import type {
  FeatureExtractionModelLike,
  MaskedLMLike,
  MultipleChoiceLike,
  QuestionAnsweringLike,
  SequenceClassificationLike,
  TokenClassificationLike,
} from '../models/types.js';
import type { TokenizerLike } from '../tokenizer.js';
import { type FeatureExtractionOptions, FeatureExtractionPipeline } from './feature-extraction.js';
import { type FillMaskOptions, FillMaskPipeline } from './fill-mask.js';
import { type MultipleChoiceOptions, MultipleChoicePipeline } from './multiple-choice.js';
import { type QuestionAnsweringOptions, QuestionAnsweringPipeline } from './question-answering.js';
import { type TextClassificationOptions, TextClassificationPipeline } from './text-classification.js';
import { type TokenClassificationOptions, TokenClassificationPipeline } from './token-classification.js';

interface TaskTable {
  'fill-mask': { model: MaskedLMLike; options: FillMaskOptions; pipeline: FillMaskPipeline };
  'text-classification': { model: SequenceClassificationLike; options: TextClassificationOptions; pipeline: TextClassificationPipeline };
  'sentiment-analysis': { model: SequenceClassificationLike; options: TextClassificationOptions; pipeline: TextClassificationPipeline };
  'token-classification': { model: TokenClassificationLike; options: TokenClassificationOptions; pipeline: TokenClassificationPipeline };
  ner: { model: TokenClassificationLike; options: TokenClassificationOptions; pipeline: TokenClassificationPipeline };
  'question-answering': { model: QuestionAnsweringLike; options: QuestionAnsweringOptions; pipeline: QuestionAnsweringPipeline };
  'multiple-choice': { model: MultipleChoiceLike; options: MultipleChoiceOptions; pipeline: MultipleChoicePipeline };
  'feature-extraction': { model: FeatureExtractionModelLike; options: FeatureExtractionOptions; pipeline: FeatureExtractionPipeline };
}

/** A task name `pipeline()` takes (`fill-mask`, `text-classification`, `sentiment-analysis`, `ner`, …). */
export type PipelineTask = keyof TaskTable;

/** What each task's pipeline needs of its model (the model classes of `TaskModels` satisfy it). */
export type TaskModelLike = { [T in PipelineTask]: TaskTable[T]['model'] };

/** Each task's call options (`topK`, `aggregationStrategy`, …), also taken as the pipeline's defaults. */
export type TaskOptions<T extends PipelineTask> = TaskTable[T]['options'];
/** Every `PipelineTask`. */
export const PIPELINE_TASKS = [
  'fill-mask',
  'text-classification',
  'sentiment-analysis',
  'token-classification',
  'ner',
  'question-answering',
  'multiple-choice',
  'feature-extraction',
] as const satisfies readonly PipelineTask[];

/**
 * Refuses a task this library has no pipeline for (`summarization`, a typo) with `UNKNOWN_TASK`,
 * before anything is loaded. `sentiment-analysis` and `ner` are aliases, as in the reference.
 */
export function checkPipelineTask(task: unknown): asserts task is PipelineTask {
  if (typeof task !== 'string' || !(PIPELINE_TASKS as readonly string[]).includes(task)) {
    throw new HeadsError('UNKNOWN_TASK', `unknown task ${JSON.stringify(task)}: use one of ${PIPELINE_TASKS.join(', ')}`);
  }
}

/** A pipeline is called like a function (its `run`) and keeps the pipeline object at hand. */
export type Pipeline<T extends PipelineTask> = TaskTable[T]['pipeline']['run'] & {
  readonly task: T;
  readonly pipeline: TaskTable[T]['pipeline'];
};

function create<T extends PipelineTask>(task: T, model: TaskTable[T]['model'], tokenizer: TokenizerLike, options: TaskTable[T]['options']) {
  switch (task) {
    case 'fill-mask':
      return new FillMaskPipeline(model as MaskedLMLike, tokenizer, options as FillMaskOptions);
    case 'text-classification':
    case 'sentiment-analysis':
      return new TextClassificationPipeline(model as SequenceClassificationLike, tokenizer, options as TextClassificationOptions);
    case 'token-classification':
    case 'ner':
      return new TokenClassificationPipeline(model as TokenClassificationLike, tokenizer, options as TokenClassificationOptions);
    case 'question-answering':
      return new QuestionAnsweringPipeline(model as QuestionAnsweringLike, tokenizer, options as QuestionAnsweringOptions);
    case 'multiple-choice':
      return new MultipleChoicePipeline(model as MultipleChoiceLike, tokenizer, options as MultipleChoiceOptions);
    case 'feature-extraction':
      return new FeatureExtractionPipeline(model as FeatureExtractionModelLike, tokenizer, options as FeatureExtractionOptions);
    default:
      throw new HeadsError('UNKNOWN_TASK', `unknown task ${JSON.stringify(task)}: use one of ${PIPELINE_TASKS.join(', ')}`);
  }
}

/**
 * A task pipeline over a loaded model and tokenizer. `options` are the defaults of every call;
 * a call's own options override them.
 */
export function pipeline<T extends PipelineTask>(
  task: T,
  model: TaskTable[T]['model'],
  tokenizer: TokenizerLike,
  options: TaskTable[T]['options'] = {},
): Pipeline<T> {
  checkPipelineTask(task);
  const instance = create(task, model, tokenizer, options);
  // biome-ignore lint/suspicious/noExplicitAny: forwards the overloaded `run` signature unchanged
  const run = (...args: any[]) => (instance.run as (...a: unknown[]) => unknown)(...args);
  return Object.assign(run, { task, pipeline: instance }) as unknown as Pipeline<T>;
}
