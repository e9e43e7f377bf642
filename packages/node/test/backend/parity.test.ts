import { CONFIG_NAMES, checkpointDir, compareClose, FP32_TOLERANCE, fixturePath } from '@convbert/test-fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConvBertModel } from '../../src/index.js';
import { goldenBase, maxAbs } from '../helpers/golden.js';

const report: string[] = [];
const { atol, rtol } = FP32_TOLERANCE;
/** Whether every element is within the fp32 tolerance (atol + rtol·|expected|). */
const close = (a: ArrayLike<number>, b: Float32Array) => compareClose(a, b, atol, rtol).ok;
afterAll(() => {
  console.log(`max abs error vs golden (base head):\n${report.join('\n')}`);
});

for (const config of CONFIG_NAMES) {
  const cases = goldenBase(config);

  describe(`${config}: graph built from model.safetensors`, () => {
    let model: ConvBertModel;
    beforeAll(async () => {
      model = await ConvBertModel.fromPretrained(checkpointDir(config, 'base'));
      expect(model.info.kind).toBe('built');
    });
    afterAll(() => model.dispose());

    for (const c of cases) {
      it(`${c.name}: last_hidden_state and every hidden_states.i within ${atol} + ${rtol}·|x|`, async () => {
        const out = await model.forward(c.inputs, { outputHiddenStates: true });
        const errs: number[] = [maxAbs(out.lastHiddenState.data, c.outputs.last_hidden_state as Float32Array)];
        expect(close(out.lastHiddenState.data, c.outputs.last_hidden_state as Float32Array), 'last_hidden_state').toBe(true);
        expect(out.lastHiddenState.dims).toEqual(c.inputs.inputIds.dims.concat(model.config?.hidden_size as number));
        const hidden = out.hiddenStates ?? [];
        const expectedCount = Object.keys(c.outputs).filter((k) => k.startsWith('hidden_states.')).length;
        expect(hidden.length).toBe(expectedCount);
        hidden.forEach((h, i) => {
          errs.push(maxAbs(h.data, c.outputs[`hidden_states.${i}`] as Float32Array));
          expect(close(h.data, c.outputs[`hidden_states.${i}`] as Float32Array), `hidden_states.${i}`).toBe(true);
        });
        const worst = Math.max(...errs);
        report.push(`  built  ${config.padEnd(12)} ${c.name.padEnd(22)} ${worst.toExponential(2)}`);
      });
    }
  });

  describe(`${config}: a batch run one row per call (batchTokens: 1)`, () => {
    let model: ConvBertModel;
    beforeAll(async () => {
      model = await ConvBertModel.fromPretrained(checkpointDir(config, 'base'), { batchTokens: 1 });
    });
    afterAll(() => model.dispose());

    const batched = cases.filter((c) => (c.inputs.inputIds.dims[0] as number) > 1);
    it('the fixtures have batches of several rows', () => expect(batched.length).toBeGreaterThan(0));
    for (const c of batched) {
      it(`${c.name}: the stacked rows within ${atol} + ${rtol}·|x| of the whole batch's reference`, async () => {
        const out = await model.forward(c.inputs, { outputHiddenStates: true });
        expect(out.lastHiddenState.dims).toEqual(c.inputs.inputIds.dims.concat(model.config?.hidden_size as number));
        expect(close(out.lastHiddenState.data, c.outputs.last_hidden_state as Float32Array), 'last_hidden_state').toBe(true);
        (out.hiddenStates ?? []).forEach((h, i) => {
          expect(close(h.data, c.outputs[`hidden_states.${i}`] as Float32Array), `hidden_states.${i}`).toBe(true);
        });
      });
    }
  });

  describe(`${config}: torch-exported onnx/base.onnx loaded as is`, () => {
    let model: ConvBertModel;
    beforeAll(async () => {
      model = await ConvBertModel.fromPretrained(fixturePath('models', config), { onnxFile: 'onnx/base.onnx' });
      expect(model.info.kind).toBe('onnx');
    });
    afterAll(() => model.dispose());

    for (const c of cases) {
      it(`${c.name}: last_hidden_state within ${atol} + ${rtol}·|x|`, async () => {
        const out = await model.forward(c.inputs);
        const err = maxAbs(out.lastHiddenState.data, c.outputs.last_hidden_state as Float32Array);
        report.push(`  export ${config.padEnd(12)} ${c.name.padEnd(22)} ${err.toExponential(2)}`);
        expect(close(out.lastHiddenState.data, c.outputs.last_hidden_state as Float32Array)).toBe(true);
      });
    }
  });
}
