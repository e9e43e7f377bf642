// Fuzzing the tf_model.h5 reader like the safetensors one: random and mutated files give a
// WeightsError or a valid result, never another error, a hang, or an allocation a lying header asks for.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { WeightsError } from '../../src/index.js';
import { readTfH5 } from '../../src/weights/tf-h5.js';
import { writeKerasH5 } from '../helpers/keras-h5.js';

const RUNS = 300;
const LIMIT_MS = 20_000;
/** Far above what reading a few-KB file needs; a header that makes the reader allocate by its word breaks it. */
const RSS_GROWTH_LIMIT = 512 * 1024 * 1024;

/** Reads `b` and touches every tensor's data; anything thrown must be a WeightsError. */
function onlyOwnErrors(b: Uint8Array): boolean {
  try {
    const sd = readTfH5(b);
    for (const k of sd.keys()) void sd.get(k).data;
  } catch (e) {
    if (!(e instanceof WeightsError)) throw e;
  }
  return true;
}

const edits = (max: number) =>
  fc.array(fc.tuple(fc.nat({ max: max - 1 }), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 });
function mutate(base: Uint8Array, e: [number, number][]): Uint8Array {
  const out = base.slice();
  for (const [i, v] of e) out[i] = v;
  return out;
}

const SIGNATURE = new Uint8Array([0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('fuzz: tf_model.h5 reader', () => {
  let small: Uint8Array;
  let rss0: number;
  beforeAll(async () => {
    small = await writeKerasH5([
      {
        name: 'convbert',
        weights: [
          { name: 'm/convbert/embeddings/LayerNorm/gamma:0', dtype: '<f4', shape: [3], data: new Float32Array([1, 2, 3]) },
          { name: 'm/convbert/encoder/layer_._0/output/dense/kernel:0', dtype: '<f4', shape: [2, 3], data: new Float32Array(6).fill(0.5) },
        ],
      },
      { name: 'dropout', weights: [] },
    ]);
    rss0 = process.memoryUsage.rss();
  });

  it('the unmutated file reads', () => {
    expect(readTfH5(small).keys().sort()).toEqual(['embeddings.LayerNorm.weight', 'encoder.layer.0.output.dense.weight']);
  });

  it('random bytes, with and without the HDF5 signature', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 1024 }), fc.boolean(), (b, signed) => {
        const bytes = signed ? new Uint8Array([...SIGNATURE, ...b]) : b;
        return onlyOwnErrors(bytes);
      }),
      { numRuns: RUNS, interruptAfterTimeLimit: LIMIT_MS },
    );
  });

  it('mutated and truncated valid files', () => {
    fc.assert(
      fc.property(edits(small.length), fc.nat({ max: small.length }), (e, cut) =>
        onlyOwnErrors(mutate(small, e).subarray(0, cut === 0 ? small.length : cut)),
      ),
      { numRuns: RUNS * 3, interruptAfterTimeLimit: LIMIT_MS },
    );
  });

  it('the fuzzing above did not make the reader allocate by a lying header', () => {
    expect(process.memoryUsage.rss() - rss0).toBeLessThan(RSS_GROWTH_LIMIT);
  });
});
