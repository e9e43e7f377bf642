import { fileURLToPath } from 'node:url';
import { CoreError } from '@convbert/core';

/**
 * The demonstration models shipped inside this package (float16 copies of small ConvBERTs
 * really trained: SST-2 sentiment, masked-LM), so that the first call needs no network.
 */
export const DEFAULT_MODEL_DIRS = {
  'convbert-mini-sst2': fileURLToPath(new URL('../models/convbert-mini-sst2', import.meta.url)),
  'convbert-mini-mlm': fileURLToPath(new URL('../models/convbert-mini-mlm', import.meta.url)),
} as const;

const BY_TASK: Record<string, keyof typeof DEFAULT_MODEL_DIRS> = {
  'text-classification': 'convbert-mini-sst2',
  'sentiment-analysis': 'convbert-mini-sst2',
  'fill-mask': 'convbert-mini-mlm',
  'feature-extraction': 'convbert-mini-mlm',
};

/** The embedded models: name, folder and the tasks they are the default of (`convbert info` lists them). */
export function embeddedModels(): { name: keyof typeof DEFAULT_MODEL_DIRS; dir: string; tasks: string[] }[] {
  return (Object.keys(DEFAULT_MODEL_DIRS) as (keyof typeof DEFAULT_MODEL_DIRS)[]).map((name) => ({
    name,
    dir: DEFAULT_MODEL_DIRS[name],
    tasks: Object.keys(BY_TASK).filter((t) => BY_TASK[t] === name),
  }));
}

/** The embedded model of a task; tasks without a trained demonstration model need one named. */
export function defaultModelFor(task: string): string {
  const name = Object.hasOwn(BY_TASK, task) ? BY_TASK[task] : undefined;
  if (name === undefined) {
    throw new CoreError(
      'MODEL_FILES_MISSING',
      `no embedded default model for ${task}: pass a model (a folder or hub id of a ConvBERT fine-tuned for ${task})`,
    );
  }
  return DEFAULT_MODEL_DIRS[name];
}
