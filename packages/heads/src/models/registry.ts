// Which model class serves which pipeline task, so that `pipeline(task, folder)` loads the class the
// task's pipeline takes, typed per task.
import { type Backend, loadModel, type ModelClass, type ModelLoadOptions, type ModelSource } from '@convbert/core';
import { HeadsError } from '../errors.js';
import type { PipelineTask, TaskModelLike } from '../pipelines/pipeline.js';
import { loadEitherFramework } from './framework-fallback.js';
import type { HeadKind } from './head-graphs.js';
import {
  ConvBertForMaskedLM,
  ConvBertForMultipleChoice,
  ConvBertForQuestionAnswering,
  ConvBertForSequenceClassification,
  ConvBertForTokenClassification,
} from './heads.js';
import { ConvBertModel } from './model.js';

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

/** The model class of each task (what `loadModelForTask` gives and the task's pipeline takes). */
export interface TaskModels extends TaskModelLike {
  'fill-mask': ConvBertForMaskedLM;
  'text-classification': ConvBertForSequenceClassification;
  'sentiment-analysis': ConvBertForSequenceClassification;
  'token-classification': ConvBertForTokenClassification;
  ner: ConvBertForTokenClassification;
  'question-answering': ConvBertForQuestionAnswering;
  'multiple-choice': ConvBertForMultipleChoice;
  'feature-extraction': ConvBertModel;
}

const TASK_MODELS: { readonly [T in PipelineTask]: ModelClass<TaskModels[T]> } = {
  'fill-mask': ConvBertForMaskedLM,
  'text-classification': ConvBertForSequenceClassification,
  'sentiment-analysis': ConvBertForSequenceClassification,
  'token-classification': ConvBertForTokenClassification,
  ner: ConvBertForTokenClassification,
  'question-answering': ConvBertForQuestionAnswering,
  'multiple-choice': ConvBertForMultipleChoice,
  'feature-extraction': ConvBertModel,
};

/** Loads the model a task needs from a model folder on a backend (a TF-only folder through tf_model.h5, as transformers' pipeline() does). */
export async function loadModelForTask<T extends PipelineTask>(
  task: T,
  source: ModelSource,
  backend: Backend,
  options: ModelLoadOptions = {},
): Promise<TaskModels[T]> {
  const Model: ModelClass<TaskModels[T]> | undefined = Object.hasOwn(TASK_MODELS, task) ? TASK_MODELS[task] : undefined;
  if (Model === undefined) {
    throw new HeadsError('UNKNOWN_TASK', `unknown task ${JSON.stringify(task)}: use one of ${Object.keys(TASK_MODELS).join(', ')}`);
  }
  return loadEitherFramework((o) => loadModel(Model, source, backend, o), options);
}
