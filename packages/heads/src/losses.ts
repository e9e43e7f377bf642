// Losses by the rules of transformers 4.36 `modeling_convbert.py`. Sums run in float64, so results
// agree with PyTorch's float32 reductions to ~1e-7 relative.
import { HeadsError } from './errors.js';
import { classIndices, type LabelsInput, type NormalizedLabels, normalizeLabels } from './labels.js';
import { logSumExp, sizeOf } from './tensor.js';

/** PyTorch's `CrossEntropyLoss` default `ignore_index`. */
export const IGNORE_INDEX = -100;

/** `config.problem_type`: regression (MSE), single-label (cross-entropy) or multi-label (binary cross-entropy) classification. */
export type ProblemType = 'regression' | 'single_label_classification' | 'multi_label_classification';

/** A tensor of logits as the losses read them (any float array, row-major). */
export interface LogitsLike {
  data: ArrayLike<number>;
  dims: readonly number[];
}

/**
 * Mean cross-entropy over rows of `[rows, numClasses]` logits whose target is not `ignoreIndex`
 * (`reduction='mean'`). Like PyTorch, when every row is ignored the mean is 0/0 = NaN.
 */
export function crossEntropy(logits: ArrayLike<number>, numClasses: number, targets: Int32Array, ignoreIndex = IGNORE_INDEX): number {
  let sum = 0;
  let count = 0;
  for (let r = 0; r < targets.length; r++) {
    const t = targets[r];
    if (t === ignoreIndex) continue;
    const off = r * numClasses;
    sum += logSumExp(logits, off, numClasses) - logits[off + t];
    count++;
  }
  return sum / count;
}

/** Mean squared error (`MSELoss`, mean reduction). */
export function meanSquaredError(predictions: ArrayLike<number>, targets: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < targets.length; i++) {
    const d = predictions[i] - targets[i];
    sum += d * d;
  }
  return sum / targets.length;
}

/** `BCEWithLogitsLoss` (mean): max(x,0) − x·y + log(1 + e^−|x|), the stable form PyTorch uses. */
export function binaryCrossEntropyWithLogits(logits: ArrayLike<number>, targets: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < targets.length; i++) {
    const x = logits[i];
    sum += Math.max(x, 0) - x * targets[i] + Math.log1p(Math.exp(-Math.abs(x)));
  }
  return sum / targets.length;
}

/**
 * The reference's choice when `config.problem_type` is unset: one label → regression; integer
 * labels → single-label; anything else (float labels) → multi-label. (Python also writes the
 * choice back into the config; we do not mutate the caller's config.)
 */
export function resolveProblemType(numLabels: number, problemType: ProblemType | null | undefined, labels: NormalizedLabels): ProblemType {
  if (problemType) return problemType;
  if (numLabels === 1) return 'regression';
  if (numLabels > 1 && labels.isInteger) return 'single_label_classification';
  return 'multi_label_classification';
}

function labelsShapeError(what: string, got: NormalizedLabels, want: string): HeadsError {
  return new HeadsError('LABELS_SHAPE', `${what} have shape [${got.dims.join(', ')}] (${got.values.length} values); expected ${want}`);
}

/** A sequence-classification loss and the problem type it was computed for. */
export interface SequenceClassificationLossResult {
  loss: number;
  problemType: ProblemType;
}

/** `ConvBertForSequenceClassification`'s loss for logits `[batch, num_labels]`. */
export function sequenceClassificationLoss(
  logits: LogitsLike,
  labelsInput: LabelsInput,
  config: { num_labels: number; problem_type?: ProblemType | null },
): SequenceClassificationLossResult {
  const [batch, numLabels] = logits.dims;
  const labels = normalizeLabels(labelsInput);
  const problemType = resolveProblemType(config.num_labels, config.problem_type, labels);
  if (problemType === 'regression') {
    // num_labels == 1: MSE(logits.squeeze(), labels.squeeze()); otherwise MSE over [batch, num_labels].
    if (labels.values.length !== batch * numLabels) throw labelsShapeError('regression labels', labels, `${batch * numLabels} values`);
    return { loss: meanSquaredError(logits.data, labels.values), problemType };
  }
  if (problemType === 'single_label_classification') {
    if (labels.values.length !== batch) {
      throw labelsShapeError(
        'single-label classification labels',
        labels,
        `[${batch}] (one class index per row; for multi-label pass float labels, e.g. a Float32Array of shape [${batch}, ${numLabels}])`,
      );
    }
    return { loss: crossEntropy(logits.data, numLabels, classIndices(labels, numLabels, IGNORE_INDEX, 'labels')), problemType };
  }
  if (labels.values.length !== batch * numLabels || (labels.dims.length === 2 && labels.dims[1] !== numLabels)) {
    throw labelsShapeError('multi-label classification labels', labels, `[${batch}, ${numLabels}] (one 0/1 target per label)`);
  }
  return { loss: binaryCrossEntropyWithLogits(logits.data, labels.values), problemType };
}

/**
 * Cross-entropy over every position of `[..., numClasses]` logits with `-100` ignored: the loss
 * of `ConvBertForTokenClassification` and `ConvBertForMaskedLM` (which do not look at the
 * attention mask: pad positions count unless their label is -100).
 */
export function positionwiseCrossEntropyLoss(logits: LogitsLike, labelsInput: LabelsInput, what = 'labels'): number {
  const numClasses = logits.dims[logits.dims.length - 1];
  const rows = sizeOf(logits.dims.slice(0, -1));
  const labels = normalizeLabels(labelsInput, what);
  if (labels.values.length !== rows) throw labelsShapeError(what, labels, `[${logits.dims.slice(0, -1).join(', ')}]`);
  return crossEntropy(logits.data, numClasses, classIndices(labels, numClasses, IGNORE_INDEX, what));
}

/** `ConvBertForTokenClassification`'s loss: cross-entropy per position, `-100` labels ignored. */
export const tokenClassificationLoss = (logits: LogitsLike, labels: LabelsInput): number => positionwiseCrossEntropyLoss(logits, labels);
/** `ConvBertForMaskedLM`'s loss: cross-entropy per position over the vocabulary, `-100` labels ignored. */
export const maskedLmLoss = (logits: LogitsLike, labels: LabelsInput): number => positionwiseCrossEntropyLoss(logits, labels);

/** `ConvBertForMultipleChoice`: cross-entropy over the choices of `[batch, num_choices]` logits. */
export function multipleChoiceLoss(logits: LogitsLike, labelsInput: LabelsInput): number {
  const [batch, numChoices] = logits.dims;
  const labels = normalizeLabels(labelsInput);
  // No `.view(-1)` here in the reference: the labels must be exactly `[batch]`.
  if (labels.values.length !== batch || labels.dims.length !== 1)
    throw labelsShapeError('multiple-choice labels', labels, `[${batch}] (the index of the right choice)`);
  return crossEntropy(logits.data, numChoices, classIndices(labels, numChoices, IGNORE_INDEX, 'labels'));
}

/**
 * `ConvBertForQuestionAnswering`: positions are clamped to [0, L] and L is the ignored index
 * (so out-of-window answers do not count), loss = (CE(start) + CE(end)) / 2.
 */
export function questionAnsweringLoss(
  startLogits: LogitsLike,
  endLogits: LogitsLike,
  startPositions: LabelsInput,
  endPositions: LabelsInput,
): number {
  const [batch, seqLen] = startLogits.dims;
  const clamp = (input: LabelsInput, what: string): Int32Array => {
    const labels = normalizeLabels(input, what);
    // [B] or [B, 1] (the reference squeezes the last axis).
    if (labels.values.length !== batch || (labels.dims.length === 2 && labels.dims[1] !== 1) || labels.dims.length > 2) {
      throw labelsShapeError(what, labels, `[${batch}] (one token index per sequence)`);
    }
    const out = new Int32Array(batch);
    for (let i = 0; i < batch; i++) {
      const v = labels.values[i];
      if (!Number.isInteger(v)) throw new HeadsError('LABELS_VALUE', `${what}[${i}] = ${v} is not a token index`);
      out[i] = Math.min(Math.max(v, 0), seqLen);
    }
    return out;
  };
  const starts = clamp(startPositions, 'start_positions');
  const ends = clamp(endPositions, 'end_positions');
  return (crossEntropy(startLogits.data, seqLen, starts, seqLen) + crossEntropy(endLogits.data, seqLen, ends, seqLen)) / 2;
}
