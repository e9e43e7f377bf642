// Test-only: every loader of a platform package (@convbert/node, @convbert/web), as one table both
// packages' tests run over, so that the two stay mirrors: the same classes, the same option checks.
import * as vitest from 'vitest';
import { fixturePath } from './index.js';

/** The twelve model classes: name, the fixture checkpoint of its head, the flavour of weights it prefers. */
export const MODEL_CLASSES = [
  ['ConvBertModel', 'base', 'pytorch'],
  ['ConvBertForMaskedLM', 'masked-lm', 'pytorch'],
  ['ConvBertForSequenceClassification', 'sequence-classification', 'pytorch'],
  ['ConvBertForTokenClassification', 'token-classification', 'pytorch'],
  ['ConvBertForQuestionAnswering', 'question-answering', 'pytorch'],
  ['ConvBertForMultipleChoice', 'multiple-choice', 'pytorch'],
  ['TFConvBertModel', 'base', 'tensorflow'],
  ['TFConvBertForMaskedLM', 'masked-lm', 'tensorflow'],
  ['TFConvBertForSequenceClassification', 'sequence-classification', 'tensorflow'],
  ['TFConvBertForTokenClassification', 'token-classification', 'tensorflow'],
  ['TFConvBertForQuestionAnswering', 'question-answering', 'tensorflow'],
  ['TFConvBertForMultipleChoice', 'multiple-choice', 'tensorflow'],
] as const;

/** `AutoModelFor<Task>` and the class it gives for a checkpoint of that task. */
export const AUTO_CLASSES = [
  ['AutoModel', 'base', 'ConvBertModel'],
  ['AutoModelForMaskedLM', 'masked-lm', 'ConvBertForMaskedLM'],
  ['AutoModelForSequenceClassification', 'sequence-classification', 'ConvBertForSequenceClassification'],
  ['AutoModelForTokenClassification', 'token-classification', 'ConvBertForTokenClassification'],
  ['AutoModelForQuestionAnswering', 'question-answering', 'ConvBertForQuestionAnswering'],
  ['AutoModelForMultipleChoice', 'multiple-choice', 'ConvBertForMultipleChoice'],
] as const;

/** The tiny fixture checkpoint of a head, PyTorch (`model.safetensors`) or TensorFlow (`tf_model.h5`). */
export function tinyCheckpoint(head: string, framework: 'pytorch' | 'tensorflow' = 'pytorch'): string {
  return fixturePath('models', 'tiny', framework === 'tensorflow' ? 'checkpoint-tf' : 'checkpoint', head);
}

type Loader = { fromPretrained(model: unknown, options?: unknown): Promise<unknown> };

/** What the table needs of a platform package's exports. */
export type PlatformExports = Record<string, unknown> & {
  pipeline(task: string, model?: unknown, options?: unknown): Promise<unknown>;
};

/** Every loader of a platform: its name and a call with a model reference and an options bag. */
export function everyLoader(lib: PlatformExports): { name: string; load(model: unknown, options: object): Promise<unknown> }[] {
  const fromPretrained = (name: string) => ({
    name: `${name}.fromPretrained`,
    load: (model: unknown, options: object) => (lib[name] as Loader).fromPretrained(model, options),
  });
  return [
    ...MODEL_CLASSES.map(([name]) => fromPretrained(name)),
    ...['AutoConfig', ...AUTO_CLASSES.map(([name]) => name), 'AutoTokenizer'].map(fromPretrained),
    { name: 'pipeline', load: (model: unknown, options: object) => lib.pipeline('fill-mask', model, options) },
  ];
}

type Disposable = { dispose(): Promise<void> };

/**
 * The suite @convbert/node and @convbert/web both run: every loader refuses a misspelt option
 * (`{ [typo]: … }`) before it touches the model at `nowhere` (a loader that looked first would fail
 * otherwise), and the twelve classes, and the Auto classes, build the package's own classes from
 * the fixture checkpoints (`folder(dir)`: the reference the package takes for a folder).
 */
export function platformSuite(
  lib: PlatformExports,
  options: { folder(dir: string): unknown; nowhere: unknown; typo: Record<string, unknown>; load?: object },
): void {
  const { describe, expect, it } = vitest;
  const typo = Object.keys(options.typo)[0];
  describe('every loader refuses a misspelt option, before any file is read', () => {
    for (const loader of everyLoader(lib)) {
      it(loader.name, async () => {
        await expect(loader.load(options.nowhere, options.typo)).rejects.toMatchObject({ code: 'UNKNOWN_OPTION', key: typo });
      });
    }
  });
  describe('the twelve model classes are instances of themselves', () => {
    const load = (name: string, dir: string) =>
      (lib[name] as Loader).fromPretrained(options.folder(dir), options.load) as Promise<Disposable>;
    for (const [name, head, framework] of MODEL_CLASSES) {
      it(name, async () => {
        const model = await load(name, tinyCheckpoint(head, framework));
        expect(model).toBeInstanceOf(lib[name]);
        expect(model.constructor).toBe(lib[name]);
        await model.dispose();
      });
    }
    for (const [auto, head, name] of AUTO_CLASSES) {
      it(`${auto} builds ${name}`, async () => {
        const model = await load(auto, tinyCheckpoint(head));
        expect(model.constructor).toBe(lib[name]);
        await model.dispose();
      });
    }
  });
}
