// Weights files made by an attacker (issue 22): each is read by the built readers in a child process
// with a heap limit, a memory watch and a deadline, so an unfixed reader fails the test by being
// stopped instead of hanging it or exhausting the machine. The files are made here, byte by byte.
import { readFileSync } from 'node:fs';
import { fixturePath } from '@convbert/test-fixtures';
import { type Outcome, runIsolated } from '@convbert/test-fixtures/isolated';
import { describe, expect, it } from 'vitest';
import { btreeLoop } from '../helpers/hdf5-layout.js';
import { deflatedZeros, stateDictPickle, strideBombPickle, torchEntries, zip } from '../helpers/torch-files.js';
import { WEIGHTS_LIMITS, WEIGHTS_PROBE, type WeightsFormat } from '../helpers/weights-probe.js';

function read(format: WeightsFormat, bytes: Uint8Array, label: string): Promise<Outcome> {
  return runIsolated(WEIGHTS_PROBE, { format, bytes }, WEIGHTS_LIMITS, label);
}

/** The outcome must be the reader's own typed refusal, reached within the limits. */
function expectRefusal(o: Outcome, code: string, message: RegExp): void {
  expect(
    o.killed,
    `stopped: ${o.killed} after ${Math.round(o.ms)} ms at ${Math.round(o.peakRssMb)} MiB\n${o.stderr ?? ''}`,
  ).toBeUndefined();
  expect(o.error).toMatchObject({ name: 'WeightsError', code });
  expect(o.error?.message).toMatch(message);
}

const floats = (...v: number[]) => new Uint8Array(new Float32Array(v).buffer);

describe('hostile weights files', () => {
  it('1. a tensor whose size and strides do not fit its storage is refused before anything is allocated', async () => {
    // 2^27 floats with stride 0 over one float, rebuilt 4 times from memoised arguments
    const bin = zip(torchEntries(strideBombPickle(4), { 0: floats(1) })).bytes;
    expect(bin.length).toBeLessThan(1024);
    expectRefusal(
      await read('pytorch', bin, 'pytorch_model.bin: stride-0 tensor of 2^27 over 1 float (x4, memo)'),
      'PICKLE_INVALID',
      /does not fit/,
    );
  });

  it('2. an unused deflated entry is never inflated (zip bomb)', async () => {
    const bomb = deflatedZeros(4_161_000); // 1 GiB from 1 MB
    const pickle = stateDictPickle([{ name: 'w', key: '0', numel: 2, shape: [2], stride: [1] }]);
    const entries = [
      ...torchEntries(pickle, { 0: floats(1, 2) }),
      { name: 'archive/data/junk', data: bomb.data, method: 8 as const, size: bomb.size },
    ];
    const bin = zip(entries).bytes;
    expect(bin.length).toBeLessThan(1.1e6);
    const o = await read('pytorch', bin, 'pytorch_model.bin: 1 MB archive with an unused 1 GiB deflated entry');
    expect(o.killed, `stopped: ${o.killed} at ${Math.round(o.peakRssMb)} MiB`).toBeUndefined();
    expect(o.error).toBeUndefined();
    expect(o.value).toMatchObject({ tensors: 1, elements: 2 });
  });

  it('3. v1 B-tree nodes whose children all point at the next node are refused (HDF5)', async () => {
    const base = new Uint8Array(readFileSync(fixturePath('models', 'tiny', 'checkpoint-tf', 'base', 'tf_model.h5')));
    const h5 = btreeLoop(base, 20, 40);
    expect(h5.length - base.length).toBeLessThan(14_000);
    expectRefusal(
      await read('h5', h5, 'tf_model.h5: 13 KB of B-tree nodes, 40 children each pointing at the next'),
      'HDF5_INVALID',
      /B-tree/,
    );
  });

  it('7. a safetensors header nested deeper than serde_json allows is refused before parsing', async () => {
    const depth = 5_000_000;
    const bytes = new Uint8Array(8 + depth).fill(0x5b); // '['
    new DataView(bytes.buffer).setBigUint64(0, BigInt(depth), true);
    expectRefusal(await read('safetensors', bytes, 'model.safetensors: header of 5 MB of "["'), 'SAFETENSORS_INVALID', /nest/);
  });
});
