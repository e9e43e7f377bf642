// Losses recomputed from the reference's own logits and labels must give the reference's loss.
import { loadManifest, readTensor, type TensorRef } from '@convbert/test-fixtures';
import { describe, expect, it } from 'vitest';
import {
  binaryCrossEntropyWithLogits,
  crossEntropy,
  meanSquaredError,
  multipleChoiceLoss,
  questionAnsweringLoss,
  sequenceClassificationLoss,
  tokenClassificationLoss,
} from '../src/losses.js';

const manifest = loadManifest('tiny');
const tensor = (ref: TensorRef) => readTensor('tiny', ref);
const logitsOf = (head: string, caseName: string, name = 'logits') => {
  const r = manifest.results.find((x) => x.head === head && x.case === caseName && x.kind !== 'loss');
  if (!r) throw new Error(`no result ${head}/${caseName}`);
  return tensor(r.outputs[name]) as { data: Float32Array; dims: number[] };
};
const lossEntry = (head: string) => {
  const r = manifest.results.find((x) => x.head === head && x.kind === 'loss');
  if (!r?.labels) throw new Error(`no loss entry for ${head}`);
  return { labels: r.labels, loss: (tensor(r.outputs.loss).data as Float32Array)[0], caseName: r.case };
};
const expectRel = (actual: number, expected: number) => expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-5 * Math.abs(expected));

describe('losses against the reference (tiny golden logits + labels)', () => {
  it('sequence classification: integer labels -> single-label cross-entropy', () => {
    const e = lossEntry('sequence-classification');
    const labels = tensor(e.labels.labels).data as BigInt64Array;
    const r = sequenceClassificationLoss(logitsOf('sequence-classification', e.caseName), labels, { num_labels: 3, problem_type: null });
    expect(r.problemType).toBe('single_label_classification');
    expectRel(r.loss, e.loss);
  });

  it('token classification: cross-entropy over all positions, -100 ignored', () => {
    const e = lossEntry('token-classification');
    const labels = tensor(e.labels.labels) as { data: BigInt64Array; dims: number[] };
    expect(Array.from(labels.data).some((v) => v === -100n)).toBe(true);
    expectRel(tokenClassificationLoss(logitsOf('token-classification', e.caseName), labels), e.loss);
  });

  it('question answering: clamped positions, (CE_start + CE_end) / 2', () => {
    const e = lossEntry('question-answering');
    const start = logitsOf('question-answering', e.caseName, 'start_logits');
    const end = logitsOf('question-answering', e.caseName, 'end_logits');
    const loss = questionAnsweringLoss(
      start,
      end,
      tensor(e.labels.start_positions).data as BigInt64Array,
      tensor(e.labels.end_positions).data as BigInt64Array,
    );
    expectRel(loss, e.loss);
  });

  it('multiple choice: cross-entropy over choices', () => {
    const e = lossEntry('multiple-choice');
    expectRel(multipleChoiceLoss(logitsOf('multiple-choice', e.caseName), tensor(e.labels.labels).data as BigInt64Array), e.loss);
  });
});

describe('losses on hand-worked numbers', () => {
  it('cross-entropy: logits [0, ln 3] target 1 -> -log(3/4); ignored rows do not count', () => {
    // softmax([0, ln3]) = [1/4, 3/4]; row 2 is ignored, so the mean is over one row.
    expect(crossEntropy([0, Math.log(3), 5, 5], 2, Int32Array.from([1, -100]))).toBeCloseTo(-Math.log(0.75), 12);
  });

  it('cross-entropy: every row ignored gives NaN, as PyTorch', () => {
    expect(crossEntropy([1, 2], 2, Int32Array.from([-100]))).toBeNaN();
  });

  it('MSE and BCE-with-logits', () => {
    // ((1-0)^2 + (3-1)^2)/2 = 2.5
    expect(meanSquaredError([1, 3], [0, 1])).toBeCloseTo(2.5, 12);
    // x=0,y=1: log 2; x=2,y=0: 2 + log(1+e^-2); mean of the two.
    expect(binaryCrossEntropyWithLogits([0, 2], [1, 0])).toBeCloseTo((Math.log(2) + 2 + Math.log1p(Math.exp(-2))) / 2, 12);
  });

  it('num_labels 1 -> regression (MSE), float labels -> multi-label (BCE)', () => {
    const reg = sequenceClassificationLoss({ data: [0.5, -1], dims: [2, 1] }, [1, 1], { num_labels: 1 });
    // ((0.5-1)^2 + (-1-1)^2)/2 = (0.25 + 4)/2
    expect(reg).toEqual({ loss: 2.125, problemType: 'regression' });
    const multi = sequenceClassificationLoss({ data: [0, 0], dims: [1, 2] }, Float32Array.from([1, 0]), { num_labels: 2 });
    // x = 0 for both: log 2 each.
    expect(multi.problemType).toBe('multi_label_classification');
    expect(multi.loss).toBeCloseTo(Math.log(2), 12);
  });

  it('an explicit problem_type wins over the labels', () => {
    const r = sequenceClassificationLoss({ data: [0, 0], dims: [1, 2] }, [[1, 0]], {
      num_labels: 2,
      problem_type: 'multi_label_classification',
    });
    expect(r.problemType).toBe('multi_label_classification');
  });

  it('QA positions outside [0, L] are clamped to L and ignored; negative ones clamp to 0', () => {
    // L = 2. Start target 7 -> 2 (ignored) -> start CE is NaN? No: one row only, so use two rows.
    // Row 0: start 0, end 5 -> end clamps to 2 (ignored). Row 1: start -3 -> 0, end 1.
    // start logits rows [0,0] and [0,0]: CE = ln 2 for both rows -> mean ln 2.
    // end logits: row 0 ignored; row 1 [0, ln3] target 1 -> -ln(3/4).
    const loss = questionAnsweringLoss(
      { data: [0, 0, 0, 0], dims: [2, 2] },
      { data: [9, 9, 0, Math.log(3)], dims: [2, 2] },
      [0, -3],
      [5, 1],
    );
    expect(loss).toBeCloseTo((Math.log(2) - Math.log(0.75)) / 2, 12);
  });
});

describe('labels of the wrong shape or value', () => {
  it('refuses with clear codes', () => {
    const logits = { data: new Float32Array(6), dims: [2, 3] };
    expect(() => sequenceClassificationLoss(logits, [1, 2, 0], { num_labels: 3 })).toThrow(
      expect.objectContaining({ code: 'LABELS_SHAPE' }),
    );
    expect(() => sequenceClassificationLoss(logits, [1, 3], { num_labels: 3 })).toThrow(expect.objectContaining({ code: 'LABELS_VALUE' }));
    expect(() => tokenClassificationLoss({ data: new Float32Array(12), dims: [1, 4, 3] }, [0, 1, 2])).toThrow(
      expect.objectContaining({ code: 'LABELS_SHAPE' }),
    );
    expect(() => multipleChoiceLoss(logits, [[0, 1]])).toThrow(expect.objectContaining({ code: 'LABELS_SHAPE' }));
    expect(() => questionAnsweringLoss(logits, logits, [0.5, 1], [0, 1])).toThrow(expect.objectContaining({ code: 'LABELS_VALUE' }));
    // Integer multi-label targets are single-label to the reference: the shape then does not fit.
    expect(() =>
      sequenceClassificationLoss(
        logits,
        [
          [1, 0, 1],
          [0, 0, 1],
        ],
        { num_labels: 3 },
      ),
    ).toThrow(expect.objectContaining({ code: 'LABELS_SHAPE' }));
  });
});
