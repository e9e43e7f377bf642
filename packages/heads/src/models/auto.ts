// `AutoConfig`, `AutoModel` and `AutoModelFor<Task>`: the class comes from config.json's
// `architectures`, through a registry of architecture names, so that other model classes join by
// registering their names. The platform factory builds its `fromPretrained` classes with
// `makeAutoClasses` over its own sources and backend, and loads its own subclass of a built-in class.
import { type ConvBertConfig, parseConfig } from '@convbert/config';
import { type Backend, CoreError, loadModel, type ModelClass, type ModelLoadOptions, type ModelSource, utf8Decode } from '@convbert/core';
import { HeadsError } from '../errors.js';
import { MODEL_CLASSES } from './classes.js';
import type { HeadKind } from './head-graphs.js';
import type {
  ConvBertForMaskedLM,
  ConvBertForMultipleChoice,
  ConvBertForQuestionAnswering,
  ConvBertForSequenceClassification,
  ConvBertForTokenClassification,
} from './heads.js';
import type { ConvBertModel } from './model.js';

/** What an `AutoModelFor<Task>` asks for: the bare encoder or one head. */
export type AutoTask = 'base' | HeadKind;

/** A model class as the registry knows it: its task and how it loads from a folder on a backend. */
export interface ArchitectureEntry {
  task: AutoTask;
  /** Loads the architecture's model from a source onto a backend. */
  load(source: ModelSource, backend: Backend, options?: ModelLoadOptions): Promise<unknown>;
  /** The class of a built-in name: a platform package loads its own class in its place. */
  readonly model?: ModelClass<unknown>;
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

// Every class answers to its own name (the TensorFlow twins to theirs: a config.json saved by the TF
// classes); the PyTorch classes, registered first, stay each task's default.
for (const [name, model] of Object.entries<ModelClass<unknown> & { head?: HeadKind }>(MODEL_CLASSES)) {
  registerArchitecture(name, { task: model.head ?? 'base', model, load: (s, b, o) => loadModel(model, s, b, o) });
}

/** `AutoConfig`: the folder's config.json, parsed and checked. */
export async function readModelConfig(source: ModelSource): Promise<ConvBertConfig> {
  if (!(await source.exists('config.json'))) {
    throw new CoreError('MODEL_FILES_MISSING', `${source.id} has no config.json: AutoConfig and the Auto model classes need it`);
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

/**
 * Loads the class `chooseArchitecture` picks for the folder; `own` gives the class to construct
 * in place of a built-in one (a platform package's subclass).
 */
export async function autoLoad(
  task: AutoTask,
  source: ModelSource,
  backend: Backend,
  options: ModelLoadOptions = {},
  own: (model: ModelClass<unknown>) => ModelClass<unknown> = (model) => model,
): Promise<unknown> {
  const config = await readModelConfig(source);
  const entry = ARCHITECTURES.get(chooseArchitecture(task, config.architectures ?? undefined)) as ArchitectureEntry;
  return entry.model === undefined ? entry.load(source, backend, options) : loadModel(own(entry.model), source, backend, options);
}

/** What a platform supplies for one `fromPretrained` call: the source, the backend and core's load options. */
export interface AutoContext {
  source: ModelSource;
  backend: Backend;
  load: ModelLoadOptions;
}

type FromPretrained<R, M, O> = { fromPretrained(model: M, options?: O): Promise<R> };

/** The Auto classes over a platform's way of opening a model (`fromPretrained(idOrDir, options)`). */
export function makeAutoClasses<M, O>(
  open: (model: M, options: O | undefined) => Promise<AutoContext>,
  own?: (model: ModelClass<unknown>) => ModelClass<unknown>,
) {
  const auto = <R>(task: AutoTask): FromPretrained<R, M, O> => ({
    async fromPretrained(model: M, options?: O): Promise<R> {
      const ctx = await open(model, options);
      return (await autoLoad(task, ctx.source, ctx.backend, ctx.load, own)) as R;
    },
  });
  return {
    AutoConfig: {
      /** The model's `config.json`, parsed and checked. */
      async fromPretrained(model: M, options?: O): Promise<ConvBertConfig> {
        return readModelConfig((await open(model, options)).source);
      },
    },
    AutoModel: auto<ConvBertModel>('base'),
    AutoModelForMaskedLM: auto<ConvBertForMaskedLM>('masked-lm'),
    AutoModelForSequenceClassification: auto<ConvBertForSequenceClassification>('sequence-classification'),
    AutoModelForTokenClassification: auto<ConvBertForTokenClassification>('token-classification'),
    AutoModelForQuestionAnswering: auto<ConvBertForQuestionAnswering>('question-answering'),
    AutoModelForMultipleChoice: auto<ConvBertForMultipleChoice>('multiple-choice'),
  };
}
