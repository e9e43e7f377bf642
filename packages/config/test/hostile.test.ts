// Configurations made by an attacker (issue 22). The label-count attack runs on the built package in a
// child process with a heap limit, a memory watch and a deadline, so an unfixed parser fails the test
// by being stopped instead of hanging it.
import { distImport, runIsolated } from '@convbert/test-fixtures/isolated';
import { describe, expect, it } from 'vitest';
import { type ConvBertPresetName, parseConfig, presetConfig, serializeConfig } from '../src/index.js';

const PROBE = `
${distImport(['parseConfig'], new URL('../dist/index.js', import.meta.url))}
async function probe(text) {
  const c = parseConfig(text);
  return { numLabels: c.num_labels };
}
`;

describe('hostile config.json', () => {
  it('6. {"num_labels": 100000000} is refused at a clear bound before any label table is made', async () => {
    const o = await runIsolated(
      PROBE,
      '{"num_labels": 100000000}',
      { timeoutMs: 20_000, heapMb: 256, rssMb: 320 },
      'config.json: {"num_labels": 100000000}',
    );
    expect(o.killed, `stopped: ${o.killed} after ${Math.round(o.ms)} ms at ${Math.round(o.peakRssMb)} MiB`).toBeUndefined();
    expect(o.error).toMatchObject({ name: 'ConvBertConfigError', code: 'CONFIG_INVALID_SIZE' });
    expect(o.error?.message).toMatch(/num_labels: .*at most 1048576/);
  });

  it('6. below the bound the LABEL_i table is made when first read, not when the file is parsed', () => {
    const c = parseConfig('{"num_labels": 200000}');
    expect(c.num_labels).toBe(200_000);
    expect(Object.getOwnPropertyDescriptor(c, 'id2label')?.get).toBeTypeOf('function');
    expect(c.id2label[199_999]).toBe('LABEL_199999');
    expect(c.label2id.LABEL_5).toBe(5);
    c.id2label = { 0: 'only' };
    expect(c.id2label).toEqual({ 0: 'only' });
    // the defaults of two labels are still what the reference writes (nothing)
    expect(JSON.parse(serializeConfig(parseConfig('{}'))).id2label).toBeUndefined();
  });
});

describe('labels and fields named like JavaScript built-ins', () => {
  it('10. are labels and fields like any other', () => {
    const labels = ['__proto__', 'constructor', 'toString', 'hasOwnProperty'];
    const c = parseConfig(JSON.stringify({ id2label: Object.fromEntries(labels.map((l, i) => [String(i), l])) }));
    expect(c.num_labels).toBe(4);
    for (const [i, l] of labels.entries()) {
      expect(c.id2label[i]).toBe(l);
      expect(Object.hasOwn(c.label2id, l) && c.label2id[l]).toBe(i);
    }
    const back = parseConfig(serializeConfig(c));
    expect(Object.entries(back.label2id).sort()).toEqual(Object.entries(c.label2id).sort());
    // label2id alone, with a "__proto__" label
    const only = parseConfig('{"label2id": {"__proto__": 0, "x": 1}}');
    expect(only.id2label).toEqual({ 0: '__proto__', 1: 'x' });
    // an unknown field named "__proto__" is kept and written back
    const extra = parseConfig('{"__proto__": {"polluted": true}, "custom": 1}');
    expect(Object.hasOwn(extra.extra, '__proto__')).toBe(true);
    expect(Object.getOwnPropertyDescriptor(JSON.parse(serializeConfig(extra)), '__proto__')?.value).toEqual({ polluted: true });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('10. a preset named like a built-in is an unknown preset', () => {
    expect(() => presetConfig('constructor' as ConvBertPresetName)).toThrow(expect.objectContaining({ code: 'CONFIG_UNKNOWN_PRESET' }));
  });
});
