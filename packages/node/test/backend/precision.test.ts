import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfig } from '@convbert/config';
import { type DType, readSafetensors } from '@convbert/core';
import { activation, addConvBertEncoder, GraphBuilder, linear } from '@convbert/core/graph';
import { CONFIG_NAMES, checkpointDir, fixturePath } from '@convbert/test-fixtures';
import { afterAll, describe, expect, it } from 'vitest';
import { ConvBertModel, OnnxruntimeNodeBackend } from '../../src/index.js';
import { goldenBase, maxAbs } from '../helpers/golden.js';

// Weight precision costs accuracy; these bounds are what the tiny random-weight fixtures allow
// (their weights are ~10x larger than trained ones, the worst case for quantisation).
const BOUNDS = { fp16: 5e-3, int8: 0.15 } as const;

const report: string[] = [];
afterAll(() => {
  console.log(`max abs error of last_hidden_state vs golden, by weight precision:\n${report.join('\n')}`);
});

for (const config of CONFIG_NAMES) {
  const cases = goldenBase(config);
  for (const dtype of ['fp16', 'int8'] as const) {
    describe(`${config} ${dtype}`, () => {
      it(`every base case within ${BOUNDS[dtype]} of the golden fp32 output`, async () => {
        const model = await ConvBertModel.fromPretrained(checkpointDir(config, 'base'), { dtype });
        expect(model.info.dtype).toBe(dtype);
        let worst = 0;
        let sumMean = 0;
        for (const c of cases) {
          const out = await model.forward(c.inputs);
          const expected = c.outputs.last_hidden_state as Float32Array;
          worst = Math.max(worst, maxAbs(out.lastHiddenState.data, expected));
          let s = 0;
          for (let i = 0; i < expected.length; i++) s += Math.abs((out.lastHiddenState.data[i] as number) - (expected[i] as number));
          sumMean += s / expected.length;
        }
        await model.dispose();
        report.push(`  ${config.padEnd(12)} ${dtype}  max ${worst.toExponential(2)}  mean ${(sumMean / cases.length).toExponential(2)}`);
        expect(worst).toBeLessThan(BOUNDS[dtype]);
      });
    });
  }
}

// A trained checkpoint (fixtures/demo/convbert-mini-sst2) is the realistic case for quantisation:
// sequence-classification logits through the builder contract, against the reference's logits.
describe('demo convbert-mini-sst2 (trained weights): logits by precision vs the reference', () => {
  const dir = fixturePath('demo', 'convbert-mini-sst2');
  const golden = JSON.parse(readFileSync(join(dir, 'golden', 'sst2_dev_sample.json'), 'utf8')) as {
    cases: { input_ids: number[]; logits: number[] }[];
  };
  const demo = JSON.parse(readFileSync(join(dir, 'golden', 'demo_sentences.json'), 'utf8')) as typeof golden;
  const cases = [...golden.cases, ...demo.cases];

  async function classifier(dtype: DType) {
    const config = parseConfig(readFileSync(join(dir, 'config.json'), 'utf8'));
    const weights = readSafetensors(new Uint8Array(readFileSync(join(dir, 'model.safetensors'))));
    const g = new GraphBuilder();
    const enc = addConvBertEncoder(g, config, weights, { dtype });
    const H = config.hidden_size;
    const first = g.op('Gather', [enc.lastHiddenState, g.int64([0], [])], { axis: 1 });
    const hidden = activation(g, linear(enc.params, first, 'classifier.dense', H, H), config.hidden_act);
    g.output('logits', linear(enc.params, hidden, 'classifier.out_proj', H, config.num_labels), 'float32', [
      'batch_size',
      config.num_labels,
    ]);
    return new OnnxruntimeNodeBackend().createSession(g.toBytes());
  }

  it.each(['fp32', 'fp16', 'int8'] as const)('%s', async (dtype) => {
    const session = await classifier(dtype);
    let worst = 0;
    let agree = 0;
    for (const c of cases) {
      const ids = BigInt64Array.from(c.input_ids, BigInt);
      const dims = [1, ids.length];
      const out = await session.run({
        input_ids: { data: ids, dims },
        attention_mask: { data: new BigInt64Array(ids.length).fill(1n), dims },
        token_type_ids: { data: new BigInt64Array(ids.length), dims },
      });
      const logits = out.logits?.data as Float32Array;
      worst = Math.max(worst, maxAbs(logits, c.logits));
      const argmax = (v: ArrayLike<number>) => ((v[1] as number) > (v[0] as number) ? 1 : 0);
      if (argmax(logits) === argmax(c.logits)) agree++;
    }
    await session.release();
    report.push(`  demo-sst2    ${dtype}  logits max ${worst.toExponential(2)}  same prediction ${agree}/${cases.length}`);
    expect(worst).toBeLessThan({ fp32: 1e-4, fp16: 0.05, int8: 0.5 }[dtype]);
    // The agreement is the point of quantising a classifier: every label as the reference's.
    expect(agree).toBe(cases.length);
  });
});
