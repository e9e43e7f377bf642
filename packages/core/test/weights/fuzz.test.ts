import { readFileSync } from 'node:fs';
import { fixturePath } from '@convbert/test-fixtures';
import fc from 'fast-check';
import { unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readSafetensors, WeightsError, writeSafetensors } from '../../src/index.js';
import { readPytorchBin } from '../../src/weights/pytorch.js';
import { zip } from '../helpers/torch-files.js';

// Kept modest: the CI machine has 2 cores. Each property also has a wall-clock cap.
const RUNS = 300;
const LIMIT_MS = 20_000;

/** Runs `f`; anything thrown must be the package's own error. */
function onlyOwnErrors(f: () => unknown): boolean {
  try {
    f();
  } catch (e) {
    if (!(e instanceof WeightsError)) throw e;
  }
  return true;
}

const small = writeSafetensors(
  {
    'embeddings.word_embeddings.weight': { dtype: 'F32', shape: [4, 3], data: Float32Array.from({ length: 12 }, (_, i) => i / 7) },
    'encoder.layer.0.bias': { dtype: 'F16', shape: [3], data: new Uint16Array([0x3c00, 0x4000, 0xbc00]) },
    ids: { dtype: 'I64', shape: [2], data: new BigInt64Array([1n, 2n]) },
  },
  { format: 'pt' },
);

/** Byte edits (position, value) applied to a copy. */
const edits = (max: number) =>
  fc.array(fc.tuple(fc.nat({ max: max - 1 }), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 });
function mutate(base: Uint8Array, e: [number, number][]): Uint8Array {
  const out = base.slice();
  for (const [i, v] of e) out[i] = v;
  return out;
}

describe('fuzz: safetensors reader', () => {
  it('random bytes: a WeightsError or a valid result, never another error', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 512 }), (b) => onlyOwnErrors(() => readSafetensors(b))),
      { numRuns: RUNS, interruptAfterTimeLimit: LIMIT_MS },
    );
  });

  it('random bytes behind a plausible header length', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 256 }), fc.nat({ max: 300 }), (body, len) => {
        const b = new Uint8Array(8 + body.length);
        new DataView(b.buffer).setUint32(0, len, true);
        b.set(body, 8);
        return onlyOwnErrors(() => readSafetensors(b));
      }),
      { numRuns: RUNS, interruptAfterTimeLimit: LIMIT_MS },
    );
  });

  it('mutated and truncated valid files', () => {
    fc.assert(
      fc.property(edits(small.length), fc.nat({ max: small.length }), (e, cut) =>
        onlyOwnErrors(() => {
          const sd = readSafetensors(mutate(small, e).subarray(0, cut === 0 ? small.length : cut));
          for (const k of sd.keys()) sd.get(k);
        }),
      ),
      { numRuns: RUNS, interruptAfterTimeLimit: LIMIT_MS },
    );
  });

  it('structurally mutated headers (dtype, shape, offsets)', () => {
    const entry = fc.record({
      dtype: fc.oneof(fc.constantFrom('F32', 'F16', 'BF16', 'I64', 'I8', 'BOOL', 'F8', ''), fc.string(), fc.integer()),
      shape: fc.oneof(fc.array(fc.integer({ min: -2, max: 6 }), { maxLength: 3 }), fc.constant(null), fc.string()),
      data_offsets: fc.oneof(fc.array(fc.integer({ min: -4, max: 80 }), { maxLength: 3 }), fc.constant('x')),
    });
    fc.assert(
      fc.property(fc.dictionary(fc.string({ maxLength: 4 }), entry, { maxKeys: 4 }), fc.nat({ max: 64 }), (header, dataLen) => {
        const json = new TextEncoder().encode(JSON.stringify(header));
        const b = new Uint8Array(8 + json.length + dataLen);
        new DataView(b.buffer).setUint32(0, json.length, true);
        b.set(json, 8);
        return onlyOwnErrors(() => readSafetensors(b));
      }),
      { numRuns: RUNS, interruptAfterTimeLimit: LIMIT_MS },
    );
  });
});

describe('fuzz: pytorch_model.bin reader', () => {
  const files = unzipSync(new Uint8Array(readFileSync(fixturePath('demo', 'convbert-mini-sst2', 'pytorch_model.bin'))));
  const pklName = Object.keys(files).find((k) => k.endsWith('data.pkl')) as string;
  const pkl = files[pklName] as Uint8Array;
  /** The real archive with its data.pkl replaced (no CRCs: the reader does not check them, and computing them is the slow part). */
  const withPickle = (p: Uint8Array) =>
    zip(Object.entries({ ...files, [pklName]: p }).map(([name, data]) => ({ name, data, crc: 0 }))).bytes;

  it('the unmutated archive reads', () => {
    expect(readPytorchBin(withPickle(pkl)).keys().length).toBeGreaterThan(50);
  });

  it('random bytes as a whole file, and as data.pkl', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 512 }), (b) => onlyOwnErrors(() => readPytorchBin(b))),
      { numRuns: RUNS, interruptAfterTimeLimit: LIMIT_MS },
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 512 }), (b) =>
        onlyOwnErrors(() => readPytorchBin(zipSync({ 'archive/data.pkl': new Uint8Array([0x80, 0x02, ...b]) }, { level: 0 }))),
      ),
      { numRuns: RUNS, interruptAfterTimeLimit: LIMIT_MS },
    );
  });

  it('mutated and truncated data.pkl of a real torch.save file', () => {
    fc.assert(
      fc.property(edits(pkl.length), fc.nat({ max: pkl.length }), (e, cut) =>
        onlyOwnErrors(() => readPytorchBin(withPickle(mutate(pkl, e).subarray(0, cut === 0 ? pkl.length : cut)))),
      ),
      { numRuns: RUNS, interruptAfterTimeLimit: LIMIT_MS },
    );
  });

  it('mutated zip containers', () => {
    const tiny = zipSync({ 'archive/data.pkl': new Uint8Array([0x80, 0x02, 0x7d, 0x71, 0x00, 0x2e]) }, { level: 0 });
    fc.assert(
      fc.property(edits(tiny.length), (e) => onlyOwnErrors(() => readPytorchBin(mutate(tiny, e)))),
      { numRuns: RUNS, interruptAfterTimeLimit: LIMIT_MS },
    );
  });
});
