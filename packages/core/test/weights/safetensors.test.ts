import { readFileSync } from 'node:fs';
import { parseConfig } from '@convbert/config';
import { checkpointDir, loadManifest } from '@convbert/test-fixtures';
import { describe, expect, it } from 'vitest';
import { buildConvBertEncoder, StateDict } from '../../src/graph.js';
import { openSafetensors, type RandomAccessFile, readSafetensors, WeightsError, writeSafetensors } from '../../src/index.js';

const file = () => new Uint8Array(readFileSync(`${checkpointDir('tiny', 'base')}/model.safetensors`));

/** A safetensors file with a hand-written header over `dataBytes` zero bytes. */
function craft(header: Record<string, unknown>, dataBytes: number, headerLenOverride?: bigint): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify(header));
  const out = new Uint8Array(8 + json.length + dataBytes);
  new DataView(out.buffer).setBigUint64(0, headerLenOverride ?? BigInt(json.length), true);
  out.set(json, 8);
  return out;
}

function weightsError(f: () => unknown): WeightsError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(WeightsError);
    return e as WeightsError;
  }
  throw new Error('expected a WeightsError');
}

describe('readSafetensors', () => {
  it('reads the fixture checkpoint: every saved key, F32, zero-copy views', () => {
    const bytes = file();
    const sd = readSafetensors(bytes);
    const saved = loadManifest('tiny').heads.base?.saved_keys as unknown as number;
    expect(sd.keys().length).toBe(saved);
    expect(sd.keys().every((k) => k.startsWith('embeddings') || k.startsWith('encoder.layer.'))).toBe(true);
    expect(sd.metadata).toEqual({ format: 'pt' });
    const w = sd.get('embeddings.word_embeddings.weight', [30522, 16]);
    expect(w.dtype).toBe('F32');
    expect(w.data.buffer).toBe(bytes.buffer);
  });

  it('resolves names with and without the convbert. prefix, and the tied LM weight', () => {
    const sd = readSafetensors(file());
    expect(sd.get('convbert.embeddings.LayerNorm.weight')).toBe(sd.get('embeddings.LayerNorm.weight'));
    expect(sd.get('generator_lm_head.weight')).toBe(sd.get('embeddings.word_embeddings.weight'));
    const prefixed = new StateDict(new Map([['convbert.embeddings.word_embeddings.weight', sd.get('embeddings.word_embeddings.weight')]]));
    expect(prefixed.get('embeddings.word_embeddings.weight')).toBe(sd.get('embeddings.word_embeddings.weight'));
    expect(prefixed.get('generator_lm_head.weight')).toBe(sd.get('embeddings.word_embeddings.weight'));
  });

  it('round-trips through writeSafetensors, all dtypes, with aligned views', () => {
    const tensors = {
      a: { dtype: 'I8' as const, shape: [3], data: new Int8Array([1, -2, 3]) },
      b: { dtype: 'F32' as const, shape: [2, 2], data: new Float32Array([1, 2, 3, 4]) },
      c: { dtype: 'F16' as const, shape: [1], data: new Uint16Array([0x3c00]) },
      d: { dtype: 'I64' as const, shape: [2], data: new BigInt64Array([5n, -6n]) },
      e: { dtype: 'BF16' as const, shape: [1], data: new Uint16Array([0x3f80]) },
      f: { dtype: 'F32' as const, shape: [0], data: new Float32Array(0) },
    };
    const sd = readSafetensors(writeSafetensors(tensors, { format: 'pt' }));
    for (const [name, t] of Object.entries(tensors)) {
      const r = sd.get(name);
      expect(r.dtype).toBe(t.dtype);
      expect([...r.shape]).toEqual(t.shape);
      expect(Array.from(r.data as ArrayLike<unknown>)).toEqual(Array.from(t.data as ArrayLike<unknown>));
      expect(r.data.byteOffset % Math.max(1, r.data.BYTES_PER_ELEMENT)).toBe(0);
    }
    expect([...sd.float32('c')]).toEqual([1]);
    expect([...sd.float32('e')]).toEqual([1]);
    expect(sd.metadata).toEqual({ format: 'pt' });
  });

  it('refuses a header length beyond the file', () => {
    const e = weightsError(() => readSafetensors(craft({}, 0, 1000n)));
    expect(e.code).toBe('SAFETENSORS_INVALID');
    expect(e.message).toMatch(/header length 1000 is beyond the file size/);
    expect(() => readSafetensors(file().subarray(0, 4))).toThrow(WeightsError);
    expect(() => readSafetensors(file().subarray(0, 200))).toThrow(WeightsError);
  });

  it('refuses a truncated file, naming the tensor that runs past the data', () => {
    const full = file();
    const e = weightsError(() => readSafetensors(full.subarray(0, full.length - 10)));
    expect(e.tensor).toBeDefined();
    expect(e.message).toMatch(/run past the data/);
  });

  it('refuses overlapping and out-of-range offsets, naming the tensor', () => {
    const overlap = weightsError(() =>
      readSafetensors(
        craft({ x: { dtype: 'F32', shape: [2], data_offsets: [0, 8] }, y: { dtype: 'F32', shape: [2], data_offsets: [4, 12] } }, 12),
      ),
    );
    expect(overlap.tensor).toBe('y');
    expect(overlap.message).toMatch(/overlap/);
    const out = weightsError(() => readSafetensors(craft({ x: { dtype: 'F32', shape: [4], data_offsets: [0, 16] } }, 8)));
    expect(out.tensor).toBe('x');
    const gap = weightsError(() => readSafetensors(craft({ x: { dtype: 'F32', shape: [1], data_offsets: [4, 8] } }, 8)));
    expect(gap.tensor).toBe('x');
  });

  it('refuses unknown dtypes and shapes that disagree with the byte span', () => {
    const dtype = weightsError(() => readSafetensors(craft({ w: { dtype: 'F8_E4M3X', shape: [1], data_offsets: [0, 1] } }, 1)));
    expect(dtype.tensor).toBe('w');
    expect(dtype.message).toMatch(/unknown dtype/);
    const shape = weightsError(() => readSafetensors(craft({ w: { dtype: 'F32', shape: [3], data_offsets: [0, 8] } }, 8)));
    expect(shape.tensor).toBe('w');
    expect(shape.message).toMatch(/needs 12 bytes/);
    expect(() => readSafetensors(craft({ w: { dtype: 'F32', shape: [-1], data_offsets: [0, 0] } }, 0))).toThrow(WeightsError);
    expect(() => readSafetensors(craft({ w: 3 }, 0))).toThrow(WeightsError);
    expect(() => readSafetensors(new TextEncoder().encode('\u0002\0\0\0\0\0\0\0[]'))).toThrow(WeightsError);
  });

  it('a missing tensor or a shape that disagrees with config.json is a WeightsError naming it', () => {
    const sd = readSafetensors(file());
    const config = parseConfig(readFileSync(`${checkpointDir('tiny', 'base')}/config.json`, 'utf8'));
    const missing = new StateDict(new Map([...sd.tensors].filter(([k]) => k !== 'encoder.layer.1.attention.self.query.weight')));
    const e1 = weightsError(() => buildConvBertEncoder(config, missing));
    expect(e1.code).toBe('WEIGHT_MISSING');
    expect(e1.tensor).toBe('encoder.layer.1.attention.self.query.weight');
    const wider = parseConfig({ ...config.toJSON(), intermediate_size: 128 });
    const e2 = weightsError(() => buildConvBertEncoder(wider, sd));
    expect(e2.code).toBe('WEIGHT_SHAPE');
    expect(e2.tensor).toBe('encoder.layer.0.intermediate.dense.weight');
  });
});

/** A file in memory behind the RandomAccessFile interface, counting the bytes read. */
function memoryFile(bytes: Uint8Array): RandomAccessFile & { bytesRead: number } {
  return {
    size: bytes.byteLength,
    bytesRead: 0,
    read(offset, length) {
      if (offset + length > bytes.byteLength) throw new Error('read past the end');
      this.bytesRead += length;
      return bytes.slice(offset, offset + length);
    },
    close() {},
  };
}

describe('openSafetensors (read in place)', () => {
  it('reads only the header up front; each tensor equals readSafetensors and knows its bytes in the file', () => {
    const bytes = file();
    const f = memoryFile(bytes);
    const lazy = openSafetensors(f, 'model.safetensors');
    const whole = readSafetensors(bytes);
    expect(f.bytesRead).toBeLessThan(bytes.byteLength / 10);
    expect(lazy.keys().sort()).toEqual(whole.keys().sort());
    for (const key of whole.keys()) {
      const t = lazy.get(key);
      expect(t.shape).toEqual(whole.get(key).shape);
      expect(
        Buffer.from(t.data.buffer, t.data.byteOffset, t.data.byteLength).equals(
          Buffer.from(whole.get(key).data.buffer, whole.get(key).data.byteOffset, whole.get(key).data.byteLength),
        ),
      ).toBe(true);
      const ext = t.external;
      expect(ext?.location).toBe('model.safetensors');
      // the external span is where the tensor's bytes are in the file
      const span = bytes.subarray(ext?.offset ?? 0, (ext?.offset ?? 0) + (ext?.length ?? 0));
      expect(Buffer.from(span).equals(Buffer.from(t.data.buffer, t.data.byteOffset, t.data.byteLength))).toBe(true);
    }
  });

  it('a file whose tensors are not 4-byte aligned (an unpadded header) is embedded, not referenced', () => {
    const bytes = file();
    const n = Number(new DataView(bytes.buffer, bytes.byteOffset).getBigUint64(0, true));
    // one more space in the header: valid JSON, every tensor one byte further
    const shifted = new Uint8Array(bytes.byteLength + 1);
    shifted.set(bytes.subarray(0, 8 + n));
    shifted[8 + n] = 0x20;
    shifted.set(bytes.subarray(8 + n), 9 + n);
    new DataView(shifted.buffer).setBigUint64(0, BigInt(n + 1), true);
    const config = parseConfig(readFileSync(`${checkpointDir('tiny', 'base')}/config.json`, 'utf8'));
    const graph = buildConvBertEncoder(config, openSafetensors(memoryFile(shifted), 'model.safetensors'));
    expect(Buffer.from(graph).includes('model.safetensors')).toBe(false);
    expect(Buffer.from(graph).equals(Buffer.from(buildConvBertEncoder(config, readSafetensors(bytes))))).toBe(true);
  });

  it('refuses a truncated file before reading any tensor, as readSafetensors does', () => {
    const bytes = file().subarray(0, 4000);
    expect(weightsError(() => openSafetensors(memoryFile(bytes), 'model.safetensors')).code).toBe('SAFETENSORS_INVALID');
  });

  it('a fp32 graph built from it points at the file; the same graph from bytes embeds them', () => {
    const bytes = file();
    const config = parseConfig(readFileSync(`${checkpointDir('tiny', 'base')}/config.json`, 'utf8'));
    const external = buildConvBertEncoder(config, openSafetensors(memoryFile(bytes), 'model.safetensors'));
    const embedded = buildConvBertEncoder(config, readSafetensors(bytes));
    expect(external.byteLength).toBeLessThan(bytes.byteLength / 10);
    expect(embedded.byteLength).toBeGreaterThan(bytes.byteLength * 0.9);
    expect(Buffer.from(external).includes('model.safetensors')).toBe(true);
    // products read the weights as stored ([out, in], transB): no Transpose for ORT to fold into a copy
    expect(Buffer.from(external).includes('FusedMatMul')).toBe(true);
    expect(Buffer.from(embedded).includes('FusedMatMul')).toBe(false);
    // int8 needs the values: the matrices are quantised here and embedded (a quarter of float32)
    const int8 = buildConvBertEncoder(config, openSafetensors(memoryFile(bytes), 'model.safetensors'), { dtype: 'int8' });
    expect(int8.byteLength).toBeGreaterThan(bytes.byteLength / 8);
  });
});
