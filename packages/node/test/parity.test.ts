import { CONFIG_NAMES, checkpointDir, fixturePath } from '@convbert/test-fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConvBertModel } from '../src/index.js';
import { goldenBase, maxAbs } from './helpers.js';

const report: string[] = [];
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
      it(`${c.name}: last_hidden_state and every hidden_states.i within 1e-4`, async () => {
        const out = await model.forward(c.inputs, { outputHiddenStates: true });
        const errs: number[] = [maxAbs(out.lastHiddenState.data, c.outputs.last_hidden_state as Float32Array)];
        expect(out.lastHiddenState.dims).toEqual(c.inputs.inputIds.dims.concat(model.config?.hidden_size as number));
        const hidden = out.hiddenStates ?? [];
        const expectedCount = Object.keys(c.outputs).filter((k) => k.startsWith('hidden_states.')).length;
        expect(hidden.length).toBe(expectedCount);
        hidden.forEach((h, i) => {
          errs.push(maxAbs(h.data, c.outputs[`hidden_states.${i}`] as Float32Array));
        });
        const worst = Math.max(...errs);
        report.push(`  built  ${config.padEnd(12)} ${c.name.padEnd(22)} ${worst.toExponential(2)}`);
        expect(worst).toBeLessThanOrEqual(1e-4);
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
      it(`${c.name}: last_hidden_state within 1e-4`, async () => {
        const out = await model.forward(c.inputs);
        const err = maxAbs(out.lastHiddenState.data, c.outputs.last_hidden_state as Float32Array);
        report.push(`  export ${config.padEnd(12)} ${c.name.padEnd(22)} ${err.toExponential(2)}`);
        expect(err).toBeLessThanOrEqual(1e-4);
      });
    }
  });
}
