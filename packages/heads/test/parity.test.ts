// Every head on every golden case, through the graph built from the checkpoint and through the
// torch-exported ONNX file: logits within 1e-4 (+1e-4 relative) of PyTorch's, losses within 1e-5
// relative.
import {
  type ConfigName,
  compareClose,
  type GoldenCase,
  type GoldenResult,
  loadManifest,
  readTensor,
  type TensorRef,
} from '@convbert/test-fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ConvBertForMaskedLM,
  ConvBertForMultipleChoice,
  ConvBertForQuestionAnswering,
  ConvBertForSequenceClassification,
  ConvBertForTokenClassification,
} from '../src/index.js';
import type { ConvBertHeadModel, HeadLoadOptions } from '../src/models/head-model.js';
import { checkpointSource, onnxSource, ortBackend } from './helpers/ort.js';

type Loader = {
  load(source: ReturnType<typeof checkpointSource>, backend: typeof ortBackend, o?: HeadLoadOptions): Promise<ConvBertHeadModel>;
};
const CLASSES: Record<string, Loader> = {
  'masked-lm': ConvBertForMaskedLM,
  'sequence-classification': ConvBertForSequenceClassification,
  'multiple-choice': ConvBertForMultipleChoice,
  'token-classification': ConvBertForTokenClassification,
  'question-answering': ConvBertForQuestionAnswering,
};

// biome-ignore lint/suspicious/noExplicitAny: each head class has its own forward signature
type AnyForward = { forward(inputs: any): Promise<any>; dispose(): Promise<void> };

function inputsOf(config: ConfigName, c: GoldenCase) {
  const t = (ref: TensorRef) => readTensor(config, ref) as { data: BigInt64Array; dims: number[] };
  return { inputIds: t(c.inputs.input_ids), attentionMask: t(c.inputs.attention_mask), tokenTypeIds: t(c.inputs.token_type_ids) };
}

/** Top-5 values and ids of each `[.., V]` row, largest first (a linear scan, V = 30522). */
function top5(logits: Float32Array, V: number) {
  const rows = logits.length / V;
  const ids: number[] = [];
  const values: number[] = [];
  for (let r = 0; r < rows; r++) {
    const best: number[] = [];
    for (let v = 0; v < V; v++) {
      const x = logits[r * V + v];
      if (best.length === 5 && x <= logits[r * V + best[4]]) continue;
      let k = best.length === 5 ? 4 : best.length;
      best[k] = v;
      while (k > 0 && logits[r * V + best[k - 1]] < x) {
        best[k] = best[k - 1];
        best[k - 1] = v;
        k--;
      }
    }
    ids.push(...best);
    values.push(...best.map((v) => logits[r * V + v]));
  }
  return { ids, values };
}

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, what: string) {
  const r = compareClose(actual, expected, 1e-4, 1e-4);
  expect(r.ok, `${what}: max |Δ| ${r.maxAbs} at ${r.worstIndex}`).toBe(true);
}

function checkOutputs(config: ConfigName, head: string, result: GoldenResult, out: Record<string, { data: Float32Array }>) {
  const gold = (name: string) => readTensor(config, result.outputs[name]).data;
  if (head === 'question-answering') {
    expectClose(out.startLogits.data, gold('start_logits') as Float32Array, `${result.case} start_logits`);
    expectClose(out.endLogits.data, gold('end_logits') as Float32Array, `${result.case} end_logits`);
  } else if (head === 'masked-lm') {
    const V = 30522;
    const { ids, values } = top5(out.logits.data, V);
    expectClose(values, gold('logits_top5_values') as Float32Array, `${result.case} top-5 logits`);
    expect(ids, `${result.case} top-5 ids`).toEqual(Array.from(gold('logits_top5_ids') as BigInt64Array, Number));
    if (result.outputs.logits) expectClose(out.logits.data, gold('logits') as Float32Array, `${result.case} full logits`);
  } else {
    expectClose(out.logits.data, gold('logits') as Float32Array, `${result.case} logits`);
  }
}

function labelsOf(config: ConfigName, result: GoldenResult) {
  const l = (name: string) =>
    readTensor(config, (result.labels as Record<string, TensorRef>)[name]) as { data: BigInt64Array; dims: number[] };
  return result.head === 'question-answering'
    ? { startPositions: l('start_positions'), endPositions: l('end_positions') }
    : { labels: l('labels') };
}

const SUITES: { config: ConfigName; head: string; via: 'built' | 'onnx' }[] = [
  ...Object.keys(CLASSES).flatMap((head) => [
    { config: 'tiny' as const, head, via: 'built' as const },
    { config: 'tiny' as const, head, via: 'onnx' as const },
  ]),
  { config: 'tiny-grouped', head: 'masked-lm', via: 'built' },
];

for (const { config, head, via } of SUITES) {
  describe(`${config} ${head} via ${via === 'built' ? 'the built graph' : 'the torch ONNX export'}`, () => {
    const manifest = loadManifest(config);
    const cases = new Map(manifest.cases.map((c) => [c.name, c]));
    const results = manifest.results.filter((r) => r.head === head);
    let model: AnyForward;
    beforeAll(async () => {
      const source = via === 'built' ? checkpointSource(config, head) : onnxSource(config, head);
      model = (await CLASSES[head].load(source, ortBackend, { format: via === 'built' ? 'checkpoint' : 'onnx' })) as unknown as AnyForward;
    });
    afterAll(() => model?.dispose());

    it('covers every case of its kind', () => {
      const kind = head === 'multiple-choice' ? 'mc' : '2d';
      const covered = new Set(results.filter((r) => r.kind !== 'loss').map((r) => r.case));
      expect([...covered].sort()).toEqual(
        manifest.cases
          .filter((c) => c.kind === kind)
          .map((c) => c.name)
          .sort(),
      );
    });

    for (const result of results) {
      const isLoss = result.kind === 'loss';
      it(`${result.case}${isLoss ? ' (loss)' : ''}`, async () => {
        const inputs = inputsOf(config, cases.get(result.case) as GoldenCase);
        if (isLoss) {
          const out = await model.forward({ ...inputs, ...labelsOf(config, result) });
          const expected = (readTensor(config, result.outputs.loss).data as Float32Array)[0];
          expect(Math.abs(out.loss - expected), `loss ${out.loss} vs ${expected}`).toBeLessThanOrEqual(1e-5 * Math.abs(expected));
        } else {
          checkOutputs(config, head, result, await model.forward(inputs));
        }
      });
    }
  });
}
