// TextClassificationPipeline.postprocess of transformers 4.36.
import { HeadsError } from '../errors.js';
import type { ProblemType } from '../losses.js';
import { sigmoid, softmax } from '../tensor.js';

/** What turns logits into scores: softmax (single label), sigmoid (multi-label or one logit) or none. */
export type ClassificationFunction = 'softmax' | 'sigmoid' | 'none';

/** A label with its score. */
export interface ClassificationLabel {
  label: string;
  score: number;
}

/**
 * The reference's default: sigmoid for multi-label models and for one-output models (regression
 * included), softmax otherwise. (Its `none` branch is unreachable for num_labels ≥ 1.)
 */
export function defaultFunctionToApply(config: { num_labels: number; problem_type?: ProblemType | null }): ClassificationFunction {
  if (config.problem_type === 'multi_label_classification' || config.num_labels === 1) return 'sigmoid';
  return 'softmax';
}

export function applyClassificationFunction(logits: ArrayLike<number>, fn: ClassificationFunction): number[] {
  if (fn === 'softmax') return softmax(logits);
  if (fn === 'sigmoid') return Array.from(logits, sigmoid);
  if (fn === 'none') return Array.from(logits);
  throw new HeadsError('INVALID_OPTION', `functionToApply must be "softmax", "sigmoid" or "none", got ${JSON.stringify(fn)}`);
}

/**
 * Labels with scores, best first (a stable sort, as Python's), cut to `topK` (`null`: all labels).
 * This is the reference's non-legacy output (what `top_k=` gives).
 */
export function textClassificationPostprocess(
  logits: ArrayLike<number>,
  id2label: Record<number, string>,
  options: { functionToApply: ClassificationFunction; topK: number | null },
): ClassificationLabel[] {
  const scores = applyClassificationFunction(logits, options.functionToApply);
  const all = scores.map((score, i) => ({ label: id2label[i] ?? `LABEL_${i}`, score }));
  all.sort((a, b) => b.score - a.score);
  return options.topK === null ? all : all.slice(0, options.topK);
}
