import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { CoreError } from '@convbert/core';

/**
 * The trained models of `@convbert/models` (float16 Hugging Face folders, one per task) are the
 * defaults of the CLI, `pipeline(task)` and `convbert serve`, so the first call needs no network.
 * That package is an optional dependency: `npm i --omit=optional` leaves it out, and then the
 * defaults are refused with an error naming it instead of failing at import.
 */
export const EMBEDDED_MODEL_NAMES = [
  'convbert-mini-sst2',
  'convbert-mini-mlm',
  'convbert-mini-conll03',
  'convbert-mini-squad',
  'convbert-mini-codah',
] as const;
export type EmbeddedModelName = (typeof EMBEDDED_MODEL_NAMES)[number];

const BY_TASK: Record<string, EmbeddedModelName> = {
  'text-classification': 'convbert-mini-sst2',
  'sentiment-analysis': 'convbert-mini-sst2',
  'fill-mask': 'convbert-mini-mlm',
  'feature-extraction': 'convbert-mini-mlm',
  'token-classification': 'convbert-mini-conll03',
  ner: 'convbert-mini-conll03',
  'question-answering': 'convbert-mini-squad',
  'multiple-choice': 'convbert-mini-codah',
};

/** The root of the installed `@convbert/models`, or undefined when it was omitted. */
function modelsRoot(): string | undefined {
  try {
    return dirname(createRequire(import.meta.url).resolve('@convbert/models/package.json'));
  } catch {
    return undefined;
  }
}

const root = modelsRoot();

function modelDir(name: EmbeddedModelName, task?: string): string {
  if (root === undefined) {
    throw new CoreError(
      'MODEL_FILES_MISSING',
      `${task ? `the default model of ${task} (${name})` : name} comes with @convbert/models, which is not installed: npm i @convbert/models, or pass a model`,
    );
  }
  return join(root, 'models', name);
}

/**
 * Folder of each embedded model (`@convbert/models/models/<name>`). Reading one when
 * `@convbert/models` was left out throws `MODEL_FILES_MISSING` naming the package.
 */
export const DEFAULT_MODEL_DIRS: Readonly<Record<EmbeddedModelName, string>> = Object.freeze(
  Object.defineProperties(
    {} as Record<EmbeddedModelName, string>,
    Object.fromEntries(EMBEDDED_MODEL_NAMES.map((name) => [name, { enumerable: true, get: () => modelDir(name) }])),
  ),
);

/** The embedded models: name, folder and the tasks they are the default of (`convbert info` lists them). */
export function embeddedModels(): { name: EmbeddedModelName; dir: string; tasks: string[] }[] {
  if (root === undefined) return [];
  return EMBEDDED_MODEL_NAMES.map((name) => ({
    name,
    dir: modelDir(name),
    tasks: Object.keys(BY_TASK).filter((t) => BY_TASK[t] === name),
  }));
}

/** The embedded model of a task. */
export function defaultModelFor(task: string): string {
  const name = Object.hasOwn(BY_TASK, task) ? BY_TASK[task] : undefined;
  if (name === undefined) {
    throw new CoreError(
      'MODEL_FILES_MISSING',
      `no embedded default model for ${task}: pass a model (a folder or hub id of a ConvBERT fine-tuned for ${task})`,
    );
  }
  return modelDir(name, task);
}
