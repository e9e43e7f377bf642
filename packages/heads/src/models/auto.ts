// `AutoConfig`, `AutoModel` and `AutoModelFor<Task>`: the class comes from config.json's
// `architectures`, through a registry of architecture names, so that other model classes (the
// TensorFlow-checkpoint ones) join by registering their names. The platform packages (node, web)
// build their `fromPretrained` classes with `makeAutoClasses` over their own source and backend.
import { type ConvBertConfig, parseConfig } from '@convbert/config';
import { type Backend, ConvBertEncoder, type EncoderLoadOptions, type ModelSource, utf8Decode } from '@convbert/core';
import { HeadsError } from '../errors.js';
import type { HeadLoadOptions } from './head-model.js';
import {
  ConvBertForMaskedLM,
  ConvBertForMultipleChoice,
  ConvBertForQuestionAnswering,
  ConvBertForSequenceClassification,
  ConvBertForTokenClassification,
} from './heads.js';
import {
  TFConvBertForMaskedLM,
  TFConvBertForMultipleChoice,
  TFConvBertForQuestionAnswering,
  TFConvBertForSequenceClassification,
  TFConvBertForTokenClassification,
  TFConvBertModel,
} from './tf-heads.js';

/** What an `AutoModelFor<Task>` asks for: the bare encoder or one head. */
export type AutoTask = 'base' | 'masked-lm' | 'sequence-classification' | 'token-classification' | 'question-answering' | 'multiple-choice';

export type AutoLoadOptions = HeadLoadOptions & EncoderLoadOptions;

/** A model class as the registry knows it: its task and how it loads from a folder on a backend. */
export interface ArchitectureEntry {
  task: AutoTask;
  load(source: ModelSource, backend: Backend, options?: AutoLoadOptions): Promise<unknown>;
}

const ARCHITECTURES = new Map<string, ArchitectureEntry>();
/** The class of each task when `architectures` names none of that task (the reference maps by model type). */
const TASK_DEFAULTS = new Map<AutoTask, string>();

/**
 * Registers a class under the architecture name config.json gives it (`"ConvBertForMaskedLM"`,
 * `"TFConvBertForMaskedLM"`). `asDefault` makes it the task's class for checkpoints whose
 * `architectures` name another task (or none).
 */
export function registerArchitecture(name: string, entry: ArchitectureEntry, asDefault = false): void {
  ARCHITECTURES.set(name, entry);
  if (asDefault || !TASK_DEFAULTS.has(entry.task)) TASK_DEFAULTS.set(entry.task, name);
}

/** Architecture names registered so far. */
export function registeredArchitectures(): string[] {
  return [...ARCHITECTURES.keys()];
}

type Loadable = { load(source: ModelSource, backend: Backend, options?: AutoLoadOptions): Promise<unknown> };
const BUILT_IN: [AutoTask, Loadable, string][] = [
  ['base', ConvBertEncoder, 'Model'],
  ['masked-lm', ConvBertForMaskedLM, 'ForMaskedLM'],
  ['sequence-classification', ConvBertForSequenceClassification, 'ForSequenceClassification'],
  ['token-classification', ConvBertForTokenClassification, 'ForTokenClassification'],
  ['question-answering', ConvBertForQuestionAnswering, 'ForQuestionAnswering'],
  ['multiple-choice', ConvBertForMultipleChoice, 'ForMultipleChoice'],
];
for (const [task, cls, suffix] of BUILT_IN) registerArchitecture(`ConvBert${suffix}`, { task, load: (s, b, o) => cls.load(s, b, o) });
// The TensorFlow twins answer to their own names (a config.json saved by the TF classes); the
// PyTorch classes, registered first, stay each task's default.
const TF_BUILT_IN: [AutoTask, Loadable, string][] = [
  ['base', TFConvBertModel, 'Model'],
  ['masked-lm', TFConvBertForMaskedLM, 'ForMaskedLM'],
  ['sequence-classification', TFConvBertForSequenceClassification, 'ForSequenceClassification'],
  ['token-classification', TFConvBertForTokenClassification, 'ForTokenClassification'],
  ['question-answering', TFConvBertForQuestionAnswering, 'ForQuestionAnswering'],
  ['multiple-choice', TFConvBertForMultipleChoice, 'ForMultipleChoice'],
];
for (const [task, cls, suffix] of TF_BUILT_IN) registerArchitecture(`TFConvBert${suffix}`, { task, load: (s, b, o) => cls.load(s, b, o) });

/** `AutoConfig`: the folder's config.json, parsed and checked. */
export async function readModelConfig(source: ModelSource): Promise<ConvBertConfig> {
  if (!(await source.exists('config.json'))) {
    throw new HeadsError('MODEL_FILES', `${source.id} has no config.json: AutoConfig and the Auto model classes need it`);
  }
  return parseConfig(utf8Decode(await source.read('config.json')));
}

/**
 * The architecture an `AutoModelFor<task>` loads: the first of config.json's `architectures`
 * registered for this task, else the task's default class.
 */
export function chooseArchitecture(task: AutoTask, architectures: readonly string[] | undefined): string {
  for (const name of architectures ?? []) if (ARCHITECTURES.get(name)?.task === task) return name;
  const fallback = TASK_DEFAULTS.get(task);
  if (fallback === undefined) throw new HeadsError('UNKNOWN_TASK', `no model class is registered for ${task}`);
  return fallback;
}

/** Loads the class `chooseArchitecture` picks for the folder. */
export async function autoLoad(task: AutoTask, source: ModelSource, backend: Backend, options: AutoLoadOptions = {}): Promise<unknown> {
  const config = await readModelConfig(source);
  const name = chooseArchitecture(task, config.architectures ?? undefined);
  return (ARCHITECTURES.get(name) as ArchitectureEntry).load(source, backend, options);
}

/** What a platform package supplies: its source, backend and load options for an id or folder. */
export interface AutoContext {
  source: ModelSource;
  backend: Backend;
  load: AutoLoadOptions;
}

type FromPretrained<R, M, O> = { fromPretrained(model: M, options?: O): Promise<R> };

/** The Auto classes over a platform's way of opening a model (`fromPretrained(idOrDir, options)`). */
export function makeAutoClasses<M, O>(open: (model: M, options: O) => Promise<AutoContext>) {
  const auto = <R>(task: AutoTask): FromPretrained<R, M, O> => ({
    async fromPretrained(model: M, options?: O): Promise<R> {
      const ctx = await open(model, (options ?? {}) as O);
      return (await autoLoad(task, ctx.source, ctx.backend, ctx.load)) as R;
    },
  });
  return {
    AutoConfig: {
      async fromPretrained(model: M, options?: O): Promise<ConvBertConfig> {
        return readModelConfig((await open(model, (options ?? {}) as O)).source);
      },
    },
    AutoModel: auto<ConvBertEncoder>('base'),
    AutoModelForMaskedLM: auto<ConvBertForMaskedLM>('masked-lm'),
    AutoModelForSequenceClassification: auto<ConvBertForSequenceClassification>('sequence-classification'),
    AutoModelForTokenClassification: auto<ConvBertForTokenClassification>('token-classification'),
    AutoModelForQuestionAnswering: auto<ConvBertForQuestionAnswering>('question-answering'),
    AutoModelForMultipleChoice: auto<ConvBertForMultipleChoice>('multiple-choice'),
  };
}
