// Which trained model each tab runs: the one table the page, the Vite config (which serves every
// folder of it that exists) and the tests go by. A tab whose folder is absent shows a note.

export type TaskId =
  | 'fill-mask'
  | 'text-classification'
  | 'token-classification'
  | 'question-answering'
  | 'multiple-choice'
  | 'feature-extraction';

export const DEMO_MODELS: Record<TaskId, string> = {
  'fill-mask': 'convbert-mini-mlm',
  'text-classification': 'convbert-mini-sst2',
  'token-classification': 'convbert-mini-conll03',
  'question-answering': 'convbert-mini-squad',
  'multiple-choice': 'convbert-mini-codah',
  'feature-extraction': 'convbert-mini-mlm',
};

/** The files of a model folder the page may read (a folder serves those it has). */
export const DEMO_FILES = [
  'config.json',
  'vocab.txt',
  'tokenizer.json',
  'tokenizer_config.json',
  'special_tokens_map.json',
  'model.safetensors',
] as const;

/**
 * `models/index.json`: each served demo folder and the files it has. The page reads it once, so it
 * knows which tabs have a model and never probes a folder for an optional file (a 404 in the console).
 */
export type DemoIndex = Record<string, string[]>;
export const DEMO_INDEX_FILE = 'models/index.json';
