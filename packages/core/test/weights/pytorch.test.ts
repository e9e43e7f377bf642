import { readFileSync } from 'node:fs';
import { fixturePath } from '@convbert/test-fixtures';
import { unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readSafetensors, WeightsError } from '../../src/index.js';
import { ALLOWED_PICKLE_GLOBALS, readPytorchBin } from '../../src/weights/pytorch.js';

const demo = (f: string) => new Uint8Array(readFileSync(fixturePath('demo', 'convbert-mini-sst2', f)));

/** A torch-style archive around a hand-written pickle. */
function archive(pickle: number[] | Uint8Array, extra: Record<string, Uint8Array> = {}): Uint8Array {
  return zipSync(
    { 'archive/data.pkl': new Uint8Array(pickle), ...Object.fromEntries(Object.entries(extra).map(([k, v]) => [`archive/${k}`, v])) },
    { level: 0 },
  );
}
const ascii = (s: string) => [...new TextEncoder().encode(s)];

describe('readPytorchBin', () => {
  it('reads a torch.save state dict identical to the model.safetensors beside it', () => {
    const bin = readPytorchBin(demo('pytorch_model.bin'));
    const st = readSafetensors(demo('model.safetensors'));
    expect(bin.keys().sort()).toEqual(st.keys().sort());
    for (const k of st.keys()) {
      const a = bin.get(k);
      const b = st.get(k);
      expect(a.dtype, k).toBe(b.dtype);
      expect([...a.shape], k).toEqual([...b.shape]);
      expect(
        Buffer.from(a.data.buffer, a.data.byteOffset, a.data.byteLength).equals(
          Buffer.from(b.data.buffer, b.data.byteOffset, b.data.byteLength),
        ),
        k,
      ).toBe(true);
    }
  });

  it('refuses any global outside the allow-list, naming it', () => {
    // protocol 2: GLOBAL 'os system', ('echo hi',), REDUCE, STOP
    const pkl = [0x80, 0x02, ...ascii('cos\nsystem\n'), 0x58, 7, 0, 0, 0, ...ascii('echo hi'), 0x85, 0x52, 0x2e];
    try {
      readPytorchBin(archive(pkl));
      throw new Error('not refused');
    } catch (e) {
      expect(e).toBeInstanceOf(WeightsError);
      expect((e as WeightsError).code).toBe('PICKLE_FORBIDDEN_GLOBAL');
      expect((e as WeightsError).message).toContain('os.system');
    }
    const builtins = [0x80, 0x02, ...ascii('cbuiltins\neval\n'), 0x2e];
    expect(() => readPytorchBin(archive(builtins))).toThrow(/builtins\.eval/);
    expect(ALLOWED_PICKLE_GLOBALS).toContain('torch._utils._rebuild_tensor_v2');
  });

  it('refuses a file that is not a torch archive, or a pickle that is not a state dict', () => {
    expect(() => readPytorchBin(new Uint8Array([0x80, 0x02, 0x7d, 0x2e]))).toThrow(/legacy/);
    expect(() => readPytorchBin(zipSync({ 'x/other.txt': new Uint8Array(1) }))).toThrow(/no data.pkl/);
    expect(() => readPytorchBin(archive([0x80, 0x02, 0x4b, 0x05, 0x2e]))).toThrow(WeightsError); // the int 5
    expect(() => readPytorchBin(archive([0x80, 0x02, 0x52]))).toThrow(WeightsError); // REDUCE on an empty stack
  });

  it('refuses a tensor that reads past its storage', () => {
    const files = unzipSync(demo('pytorch_model.bin'));
    const key = Object.keys(files).find((k) => k.endsWith('/data/0')) as string;
    files[key] = (files[key] as Uint8Array).slice(0, 64);
    expect(() => readPytorchBin(zipSync(files, { level: 0 }))).toThrow(/reads element .* of storage data\/0/);
    delete files[key];
    expect(() => readPytorchBin(zipSync(files, { level: 0 }))).toThrow(/storage data\/0 is missing/);
  });
});
