// Bad tf_model.h5 files: each gives a WeightsError with a code and the weight it is about.
// The files are written by the HDF5 library (h5wasm) from the reference checkpoint's own tensors.
import { readFileSync } from 'node:fs';
import { parseConfig } from '@convbert/config';
import { checkpointDir, fixturePath } from '@convbert/test-fixtures';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildConvBertEncoder } from '../../src/graph.js';
import { WeightsError } from '../../src/index.js';
import { bytesOf, floatToHalf, halfToFloat } from '../../src/weights/dtypes.js';
import { readTfH5 } from '../../src/weights/tf-h5.js';
import { type KerasLayer, readKerasLayers, writeKerasH5 } from '../helpers/keras-h5.js';

const tf = (head: string) => new Uint8Array(readFileSync(fixturePath('models', 'tiny', 'checkpoint-tf', head, 'tf_model.h5')));
const config = parseConfig(readFileSync(`${checkpointDir('tiny', 'base')}/config.json`, 'utf8'));
const QUERY = 'tf_conv_bert_model/convbert/encoder/layer_._0/attention/self/query/kernel:0';

function weightsError(f: () => unknown): WeightsError {
  try {
    f();
  } catch (e) {
    if (!(e instanceof WeightsError)) throw e;
    return e;
  }
  throw new Error('expected a WeightsError');
}

/** `bytes` with the single occurrence of `from` replaced by `to`. */
function patchOnce(bytes: Uint8Array, from: number[], to: number[]): void {
  const hits: number[] = [];
  for (let i = 0; i + from.length <= bytes.length; i++) if (from.every((b, j) => bytes[i + j] === b)) hits.push(i);
  expect(hits.length, `pattern ${from.join(' ')}`).toBe(1);
  bytes.set(to, hits[0]);
}

/**
 * A one-weight file of float16 values. h5wasm cannot write float16 (no Float16Array in Node 20),
 * so the weight is written as float32 holding the half bits, then its datatype message (IEEE
 * f32 -> f16, same 20-byte layout) and its storage size are rewritten to what h5py writes for float16.
 */
async function halfFile(name: string, values: Float32Array): Promise<Uint8Array> {
  const n = values.length;
  const bits = new Uint16Array(2 * n);
  for (let i = 0; i < n; i++) bits[i] = floatToHalf(values[i] as number);
  const file = await writeKerasH5([
    { name: 'convbert', weights: [{ name, dtype: '<f4', shape: [n], data: new Float32Array(bits.buffer) }] },
  ]);
  patchOnce(
    file,
    [0x11, 0x20, 0x1f, 0, 4, 0, 0, 0, 0, 0, 32, 0, 23, 8, 0, 23, 127, 0, 0, 0],
    [0x11, 0x20, 0x0f, 0, 2, 0, 0, 0, 0, 0, 16, 0, 10, 5, 0, 10, 15, 0, 0, 0],
  );
  const size = (x: number) => [x & 0xff, x >> 8, 0, 0, 0, 0, 0, 0];
  patchOnce(file, size(4 * n), size(2 * n));
  return file;
}

/** A copy of the layers with `edit` applied to the encoder layer's weight list. */
function editWeights(layers: KerasLayer[], edit: (w: KerasLayer['weights']) => KerasLayer['weights']): KerasLayer[] {
  return layers.map((l) => (l.name === 'convbert' ? { ...l, weights: edit(l.weights) } : l));
}

describe('tf_model.h5: bad input', () => {
  let base: KerasLayer[];
  beforeAll(() => {
    base = readKerasLayers(tf('base'));
    expect(base[0]?.weights.some((w) => w.name === QUERY)).toBe(true);
  });

  it('a truncated file: HDF5_INVALID at every cut', () => {
    const bytes = tf('masked-lm');
    for (const cut of [4, 100, 2000, 20_000, bytes.length >> 1, bytes.length - 1]) {
      const e = weightsError(() => {
        const sd = readTfH5(bytes.subarray(0, cut));
        for (const k of sd.keys()) void sd.get(k).data;
      });
      expect(e.code, `cut at ${cut}`).toBe('HDF5_INVALID');
    }
  });

  it('not an HDF5 file (a safetensors file, a Git LFS pointer)', () => {
    const st = new Uint8Array(readFileSync(`${checkpointDir('tiny', 'base')}/model.safetensors`));
    const lfs = new TextEncoder().encode('version https://git-lfs.github.com/spec/v1\noid sha256:00\nsize 1\n');
    for (const b of [st, lfs, new Uint8Array(0)]) {
      const e = weightsError(() => readTfH5(b));
      expect(e.code).toBe('HDF5_INVALID');
      expect(e.message).toMatch(/not an HDF5 file/);
    }
  });

  it('HDF5 without layer_names', async () => {
    const file = await writeKerasH5(base, { noLayerNames: true });
    const e2 = weightsError(() => readTfH5(file));
    expect(e2.code).toBe('HDF5_INVALID');
    expect(e2.message).toMatch(/no "layer_names" attribute/);
  });

  it('weight_names split over weight_names0..n (as Keras does above 64 KB) read like one list', async () => {
    const whole = readTfH5(tf('base'));
    for (const chunks of [2, 5]) {
      const split = readTfH5(await writeKerasH5(base, { chunkWeightNames: chunks }));
      expect(split.keys()).toEqual(whole.keys());
      for (const k of whole.keys()) {
        expect(Buffer.from(bytesOf(split.get(k).data)).equals(Buffer.from(bytesOf(whole.get(k).data))), k).toBe(true);
      }
    }
  });

  it('a missing weight: the graph build names it', async () => {
    const file = await writeKerasH5(editWeights(base, (ws) => ws.filter((w) => w.name !== QUERY)));
    const e = weightsError(() => buildConvBertEncoder(config, readTfH5(file)));
    expect(e.code).toBe('WEIGHT_MISSING');
    expect(e.tensor).toMatch(/^(convbert\.)?encoder\.layer\.0\.attention\.self\.query\.weight$/);
    expect(e.message).toMatch(/tf_model\.h5, whose Keras layers are convbert/);
  });

  it('an extra weight that no ConvBERT class has: WEIGHT_UNEXPECTED naming it', async () => {
    const extra = 'tf_conv_bert_model/convbert/encoder/layer_._0/attention/self/rotary/kernel:0';
    const file = await writeKerasH5(
      editWeights(base, (ws) => [...ws, { name: extra, dtype: '<f4', shape: [2, 2], data: new Float32Array(4) }]),
    );
    const e = weightsError(() => readTfH5(file));
    expect(e.code).toBe('WEIGHT_UNEXPECTED');
    expect(e.tensor).toBe(extra);
  });

  it('a transposed kernel ([out, in] instead of [in, out]): WEIGHT_SHAPE naming it', async () => {
    const file = await writeKerasH5(
      editWeights(base, (ws) => ws.map((w) => (w.name === QUERY ? { ...w, shape: [...w.shape].reverse() } : w))),
    );
    const e = weightsError(() => buildConvBertEncoder(config, readTfH5(file)));
    expect(e.code).toBe('WEIGHT_SHAPE');
    expect(e.tensor).toMatch(/encoder\.layer\.0\.attention\.self\.query\.weight$/);
  });

  it('a separable-convolution kernel of the wrong rank: WEIGHT_SHAPE naming the TF variable', async () => {
    const name = 'tf_conv_bert_model/convbert/encoder/layer_._0/attention/self/key_conv_attn_layer/depthwise_kernel:0';
    const file = await writeKerasH5(
      editWeights(base, (ws) => ws.map((w) => (w.name === name ? { ...w, shape: [w.shape[0] as number, w.shape[1] as number] } : w))),
    );
    const e = weightsError(() => readTfH5(file));
    expect(e.code).toBe('WEIGHT_SHAPE');
    expect(e.tensor).toBe(name);
  });

  it('float16 weights are read as float16 (the values Keras stored)', async () => {
    const values = Float32Array.from({ length: 37 }, (_, i) => (i - 18) / 7);
    const name = 'tf_conv_bert_model/convbert/embeddings/LayerNorm/gamma:0';
    const sd = readTfH5(await halfFile(name, values));
    const t = sd.get('embeddings.LayerNorm.weight');
    expect(t.dtype).toBe('F16');
    expect(Array.from(sd.float32('embeddings.LayerNorm.weight'))).toEqual(Array.from(values, (v) => halfToFloat(floatToHalf(v))));
  });

  it('a weight of a type that is not a float: WEIGHT_DTYPE naming it', async () => {
    const ints = editWeights(base, (ws) =>
      ws.map((w) => (w.name === QUERY ? { ...w, dtype: '<i4', data: new Int32Array(w.data.length) } : w)),
    );
    const file = await writeKerasH5(ints);
    const e = weightsError(() => readTfH5(file));
    expect(e.code).toBe('WEIGHT_DTYPE');
    expect(e.tensor).toBe(QUERY);
  });
});
