// The golden cases of the heads: inputs, labels, and the comparison of outputs with PyTorch's
// (logits within 1e-4 + 1e-4 relative; masked-LM top-5 ids exact).
import { type ConfigName, compareClose, type GoldenCase, type GoldenResult, readTensor, type TensorRef } from '@convbert/test-fixtures';
import { expect } from 'vitest';

// biome-ignore lint/suspicious/noExplicitAny: each head class has its own forward signature
export type AnyForward = { forward(inputs: any): Promise<any>; dispose(): Promise<void> };

export function inputsOf(config: ConfigName, c: GoldenCase) {
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

export function checkOutputs(config: ConfigName, head: string, result: GoldenResult, out: Record<string, { data: Float32Array }>) {
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

export function labelsOf(config: ConfigName, result: GoldenResult) {
  const l = (name: string) =>
    readTensor(config, (result.labels as Record<string, TensorRef>)[name]) as { data: BigInt64Array; dims: number[] };
  return result.head === 'question-answering'
    ? { startPositions: l('start_positions'), endPositions: l('end_positions') }
    : { labels: l('labels') };
}
