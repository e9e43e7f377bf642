import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkpointDir, compareClose, FP32_TOLERANCE, fixturePath } from '@convbert/test-fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConvBertModel, DirectorySource } from '../../src/index.js';
import { goldenBase, maxAbs } from '../helpers/golden.js';

const tmp = mkdtempSync(join(tmpdir(), 'convbert-node-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function folder(name: string, files: Record<string, string>): string {
  const dir = join(tmp, name);
  for (const [target, source] of Object.entries(files)) {
    mkdirSync(join(dir, target, '..'), { recursive: true });
    symlinkSync(source, join(dir, target));
  }
  return dir;
}

describe('fromPretrained: the layouts users download', () => {
  const cases = goldenBase('tiny');
  const single = cases.find((c) => c.name === 'single_question');
  if (!single) throw new Error('fixture case missing');
  const config = join(checkpointDir('tiny', 'base'), 'config.json');
  const onnx = fixturePath('models', 'tiny', 'onnx', 'base.onnx');

  for (const [layout, files] of [
    ['model.onnx', { 'config.json': config, 'model.onnx': onnx }],
    ['onnx/model.onnx', { 'config.json': config, 'onnx/model.onnx': onnx }],
    ['onnx/model.onnx without config.json', { 'onnx/model.onnx': onnx }],
  ] as const) {
    it(`loads ${layout} as is and matches the golden output`, async () => {
      const model = await ConvBertModel.fromPretrained(folder(layout.replaceAll('/', '_').replaceAll(' ', '_'), files));
      expect(model.info.kind).toBe('onnx');
      const out = await model.forward(single.inputs);
      expect(compareClose(out.lastHiddenState.data, single.outputs.last_hidden_state as Float32Array).ok).toBe(true);
      await model.dispose();
    });
  }

  it('a task-head export is refused with a clear error, not an onnxruntime one', async () => {
    const model = await ConvBertModel.fromPretrained(fixturePath('models', 'tiny'), { onnxFile: 'onnx/sequence-classification.onnx' });
    await expect(model.forward(single.inputs)).rejects.toMatchObject({ code: 'BACKEND_OUTPUT_MISSING' });
    await expect(model.forward(single.inputs)).rejects.toThrow(/not a ConvBertModel export/);
    await model.dispose();
  });

  it('format: "checkpoint" builds even when an export is present', async () => {
    const dir = folder('both', {
      'config.json': config,
      'model.onnx': onnx,
      'model.safetensors': join(checkpointDir('tiny', 'base'), 'model.safetensors'),
    });
    const model = await ConvBertModel.fromPretrained(dir, { format: 'checkpoint' });
    expect(model.info).toMatchObject({ kind: 'built', file: 'model.safetensors', dtype: 'fp32' });
    await model.dispose();
  });

  it('a head checkpoint (convbert.-prefixed keys) serves the encoder too', async () => {
    const model = await ConvBertModel.fromPretrained(checkpointDir('tiny', 'masked-lm'));
    const out = await model.forward(single.inputs);
    expect(out.lastHiddenState.dims).toEqual([1, single.inputs.inputIds.dims[1], 32]);
    await model.dispose();
  });
});

describe('fromPretrained: pytorch_model.bin', () => {
  const demo = fixturePath('demo', 'convbert-mini-sst2');
  let fromBin: ConvBertModel;
  let fromSafetensors: ConvBertModel;
  beforeAll(async () => {
    const dir = join(tmp, 'bin-only');
    mkdirSync(dir);
    copyFileSync(join(demo, 'config.json'), join(dir, 'config.json'));
    symlinkSync(join(demo, 'pytorch_model.bin'), join(dir, 'pytorch_model.bin'));
    fromBin = await ConvBertModel.fromPretrained(dir);
    fromSafetensors = await ConvBertModel.fromPretrained(demo, { format: 'checkpoint' });
  });
  afterAll(async () => {
    await fromBin.dispose();
    await fromSafetensors.dispose();
  });

  it('gives bit-identical outputs to the same weights from model.safetensors', async () => {
    expect(fromBin.info.file).toBe('pytorch_model.bin');
    expect(fromSafetensors.info.file).toBe('model.safetensors');
    const inputIds = [[101, 1045, 3866, 2023, 3185, 999, 102]];
    const a = await fromBin.forward({ inputIds });
    const b = await fromSafetensors.forward({ inputIds });
    expect(a.lastHiddenState.dims).toEqual([1, 7, 128]);
    expect(Buffer.from(a.lastHiddenState.data.buffer).equals(Buffer.from(b.lastHiddenState.data.buffer))).toBe(true);
  });
});

describe('outputs and reference behaviour', () => {
  let model: ConvBertModel;
  const cases = goldenBase('tiny');
  const get = (name: string) => cases.find((c) => c.name === name) as (typeof cases)[number];
  beforeAll(async () => {
    model = await ConvBertModel.fromPretrained(checkpointDir('tiny', 'base'));
  });
  afterAll(() => model.dispose());

  it('the padded batch differs from each item alone where the reference says so (pad tokens reach the convolution)', async () => {
    const padded = await model.forward(get('batch3_padded').inputs);
    const [, L, H] = padded.lastHiddenState.dims as [number, number, number];
    for (const [item, expectPaddingEffect] of [
      [0, true],
      [1, true],
      [2, false],
    ] as const) {
      const alone = get(`batch3_item${item}_alone`);
      const len = alone.inputs.inputIds.dims[1] as number;
      const out = await model.forward(alone.inputs);
      const rows = padded.lastHiddenState.data.subarray(item * L * H, item * L * H + len * H);
      const diff = maxAbs(rows, out.lastHiddenState.data);
      if (expectPaddingEffect) expect(diff).toBeGreaterThan(0.1);
      else expect(diff).toBeLessThan(FP32_TOLERANCE.atol);
    }
  });

  it('attentions [B, heads, L, L] and dynamic-convolution kernels [B, L, heads, k] are probability distributions', async () => {
    const c = get('batch3_padded');
    const out = await model.forward(c.inputs, { outputAttentions: true, outputConvKernels: true });
    const [B, L] = c.inputs.inputIds.dims as [number, number];
    expect(out.attentions?.length).toBe(2);
    expect(out.convKernels?.length).toBe(2);
    const att = out.attentions?.[0];
    const ker = out.convKernels?.[1];
    expect(att?.dims).toEqual([B, 2, L, L]);
    expect(ker?.dims).toEqual([B, L, 2, 9]);
    const mask = c.inputs.attentionMask.data;
    for (let row = 0; row < B * 2 * L; row++) {
      let s = 0;
      const b = Math.floor(row / (2 * L));
      for (let j = 0; j < L; j++) {
        const p = att?.data[row * L + j] as number;
        s += p;
        if (mask[b * L + j] === 0n) expect(p).toBe(0);
      }
      expect(s).toBeCloseTo(1, 5);
    }
    for (let row = 0; row < B * L * 2; row++) {
      let s = 0;
      for (let j = 0; j < 9; j++) s += ker?.data[row * 9 + j] as number;
      expect(s).toBeCloseTo(1, 5);
    }
  });

  it('missing attentionMask / tokenTypeIds default to ones / zeros as in the reference', async () => {
    const c = get('single_question');
    const out = await model.forward({ inputIds: c.inputs.inputIds });
    expect(compareClose(out.lastHiddenState.data, c.outputs.last_hidden_state as Float32Array).ok).toBe(true);
    const nested = [[...c.inputs.inputIds.data].map(Number)];
    const again = await model.forward({ inputIds: nested });
    expect(again.lastHiddenState.data).toEqual(out.lastHiddenState.data);
  });

  it('bad inputs are refused with coded errors before the backend runs', async () => {
    await expect(model.forward({ inputIds: [[101, 30522, 102]] })).rejects.toMatchObject({ code: 'INPUT_OUT_OF_RANGE' });
    await expect(model.forward({ inputIds: [Array.from({ length: 129 }, () => 1000)] })).rejects.toMatchObject({ code: 'INPUT_TOO_LONG' });
    await expect(model.forward({ inputIds: [[101, 102], [101]] })).rejects.toMatchObject({ code: 'INPUT_RAGGED' });
    await expect(model.forward({ inputIds: [[101, 102]], attentionMask: [[1, 1, 1]] })).rejects.toMatchObject({
      code: 'INPUT_SHAPE_MISMATCH',
    });
    await expect(model.forward({ inputIds: [[101, 102]], tokenTypeIds: [[0, 2]] })).rejects.toMatchObject({ code: 'INPUT_OUT_OF_RANGE' });
  });
});

describe('DirectorySource', () => {
  it('reads files inside the folder and refuses paths that leave it', async () => {
    const src = new DirectorySource(checkpointDir('tiny', 'base'));
    expect(await src.exists('config.json')).toBe(true);
    expect(await src.exists('missing.json')).toBe(false);
    expect((await src.read('config.json')).byteLength).toBeGreaterThan(100);
    expect(await src.exists('../masked-lm/config.json')).toBe(false);
    await expect(src.read('../masked-lm/config.json')).rejects.toThrow(/outside the model folder/);
  });
});
