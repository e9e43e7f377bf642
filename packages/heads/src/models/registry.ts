// Which model class serves which pipeline task, so the platform packages (node, web) can offer
// `pipeline(task, modelFolder)` with their own backend and file source.
import { type Backend, ConvBertEncoder, type EncoderLoadOptions, type ModelSource } from '@convbert/core';
import { HeadsError } from '../errors.js';
import type { PipelineTask } from '../pipelines/pipeline.js';
import { loadEitherFramework } from './framework-fallback.js';
import type { HeadKind } from './head-graphs.js';
import type { HeadLoadOptions } from './head-model.js';
import {
  ConvBertForMaskedLM,
  ConvBertForMultipleChoice,
  ConvBertForQuestionAnswering,
  ConvBertForSequenceClassification,
  ConvBertForTokenClassification,
} from './heads.js';

/** The head each task runs on (`base`: the bare encoder). */
export const TASK_HEADS: Readonly<Record<PipelineTask, HeadKind | 'base'>> = {
  'fill-mask': 'masked-lm',
  'text-classification': 'sequence-classification',
  'sentiment-analysis': 'sequence-classification',
  'token-classification': 'token-classification',
  ner: 'token-classification',
  'question-answering': 'question-answering',
  'multiple-choice': 'multiple-choice',
  'feature-extraction': 'base',
};

export const HEAD_CLASSES = {
  'masked-lm': ConvBertForMaskedLM,
  'sequence-classification': ConvBertForSequenceClassification,
  'multiple-choice': ConvBertForMultipleChoice,
  'token-classification': ConvBertForTokenClassification,
  'question-answering': ConvBertForQuestionAnswering,
} as const;

/** Loads the model a task needs from a model folder on a backend (a TF-only folder through tf_model.h5, as transformers' pipeline() does). */
export async function loadModelForTask(
  task: PipelineTask,
  source: ModelSource,
  backend: Backend,
  options: HeadLoadOptions & EncoderLoadOptions = {},
): Promise<ConvBertEncoder | InstanceType<(typeof HEAD_CLASSES)[HeadKind]>> {
  const head = Object.hasOwn(TASK_HEADS, task) ? TASK_HEADS[task] : undefined;
  if (head === undefined)
    throw new HeadsError('UNKNOWN_TASK', `unknown task ${JSON.stringify(task)}: use one of ${Object.keys(TASK_HEADS).join(', ')}`);
  if (head === 'base') return loadEitherFramework((o) => ConvBertEncoder.load(source, backend, o), options);
  const Head = HEAD_CLASSES[head] as {
    load(s: ModelSource, b: Backend, o: HeadLoadOptions): Promise<InstanceType<(typeof HEAD_CLASSES)[HeadKind]>>;
  };
  return loadEitherFramework((o) => Head.load(source, backend, o), options);
}
