// Structure-aware fuzzing of the pickle, zip and HDF5 readers (issue 22): the mutations are to the
// fields that matter — tensor sizes, strides, offsets and element counts in the pickle; sizes,
// methods and offsets in the zip headers; lengths, counts and child pointers of the HDF5 B-trees,
// heaps and object headers, pointers set to other structures' addresses so that they loop. Each
// case runs in a child process (heap limit, memory watch, deadline): a hang or a blow-up fails the
// property instead of hanging the suite. Seeded, so a failure reproduces.
import { readFileSync } from 'node:fs';
import { fixturePath } from '@convbert/test-fixtures';
import { IsolatedProbe } from '@convbert/test-fixtures/isolated';
import fc from 'fast-check';
import { deflateSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { btreeLoop, type ChildTarget, type Field, hdf5Layout, readField } from '../helpers/hdf5-layout.js';
import { deflatedZeros, stateDictPickle, type TensorSpec, torchEntries, type ZipEntry, zip } from '../helpers/torch-files.js';
import { WEIGHTS_PROBE } from '../helpers/weights-probe.js';

const RUNS = 300;
const SEED = 22;
/** Per case: the deadline is a watchdog for hangs (a valid read takes milliseconds), the memory far above a few-MB file's needs. */
const LIMITS = { timeoutMs: 10_000, heapMb: 256, rssMb: 400 };
const TEST_TIMEOUT = 300_000;

interface Edit {
  at: number;
  size: Field['size'];
  value: bigint;
}

let probe: IsolatedProbe;
beforeAll(async () => {
  probe = await IsolatedProbe.start(WEIGHTS_PROBE, LIMITS);
});
afterAll(() => probe.close());

/** Deflate's best ratio, times the storages and the copies of overlapping views allowed beside them. */
const MAX_BYTES_PER_INPUT_BYTE = 1032 * 3;

/**
 * Reads the input in the child: a valid result or the library's WeightsError, within the limits;
 * a result never holds more tensor bytes than its input can justify.
 */
async function readsOrRefuses(input: { format: string; bytes?: Uint8Array; edits?: Edit[] }): Promise<boolean> {
  const o = await probe.run(input);
  if (o.killed)
    throw new Error(
      `the reader was stopped (${o.killed}) after ${Math.round(o.ms)} ms at ${Math.round(o.peakRssMb)} MiB\n${o.stderr ?? ''}`,
    );
  if (o.error !== undefined && o.error.name !== 'WeightsError') throw new Error(`untyped error: ${o.error.name}: ${o.error.message}`);
  const held = (o.value as { bytes?: number } | null | undefined)?.bytes ?? 0;
  if (input.bytes !== undefined && held > MAX_BYTES_PER_INPUT_BYTE * input.bytes.length) {
    throw new Error(`a ${input.bytes.length}-byte file gave ${held} bytes of tensors`);
  }
  return true;
}

/** Values that break parsers: edges of the field's width, small numbers, and the given candidates (other fields, sizes). */
function interesting(size: Field['size'], candidates: readonly bigint[]): fc.Arbitrary<bigint> {
  const max = (1n << BigInt(8 * size)) - 1n;
  return fc.oneof(
    fc.constantFrom(0n, 1n, 2n, 8n, max, max - 1n, max >> 1n, (max >> 1n) + 1n),
    fc.bigInt({ min: 0n, max: 4096n }),
    fc.bigInt({ min: 0n, max }),
    ...(candidates.length > 0 ? [fc.constantFrom(...candidates)] : []),
  );
}

/** 1-3 edits of `fields`, each to an interesting value or the current value nudged. */
function fieldEdits(bytes: Uint8Array, fields: readonly Field[], candidates: readonly bigint[]): fc.Arbitrary<Edit[]> {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const edit = fc.nat({ max: fields.length - 1 }).chain((i) => {
    const f = fields[i] as Field;
    const current = readField(v, f);
    return fc
      .oneof(
        interesting(f.size, candidates),
        fc.integer({ min: -8, max: 8 }).map((d) => current + BigInt(d)),
      )
      .map((value) => ({ at: f.at, size: f.size, value: BigInt.asUintN(8 * f.size, value) }));
  });
  return fc.array(edit, { minLength: 1, maxLength: 3 });
}

/** `a` in one case out of six, else undefined. */
const sometimes = <T>(a: fc.Arbitrary<T>) => fc.oneof({ weight: 5, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: a });

const count = fc.oneof(fc.constantFrom(0, 1, 2, 3, 255, 256, 2 ** 27, 2 ** 31 - 1, 2 ** 31, 2 ** 32, 2 ** 53 - 1), fc.nat({ max: 64 }));

describe('fuzz (structure-aware, isolated): pytorch_model.bin', () => {
  const ITEM: Record<string, number> = { FloatStorage: 4, HalfStorage: 2, LongStorage: 8, ByteStorage: 1 };
  // Mostly valid tensors (small shapes, contiguous strides, storages sized to fit) with lies mixed in:
  // huge dimensions, zero (broadcast) or arbitrary strides, offsets, element counts, storage types.
  const dim = fc.oneof({ weight: 4, arbitrary: fc.nat({ max: 4 }) }, { weight: 1, arbitrary: count });
  const contiguous = (shape: number[]) => shape.map((_, i) => shape.slice(i + 1).reduce((a, b) => a * b, 1));
  const tensor = fc
    .record({
      name: fc.string({ maxLength: 4 }),
      key: fc.oneof({ weight: 8, arbitrary: fc.constantFrom('0', '1', '2') }, { weight: 1, arbitrary: fc.constant('missing') }),
      storage: fc.oneof(
        { weight: 20, arbitrary: fc.constantFrom(...Object.keys(ITEM)) },
        { weight: 1, arbitrary: fc.constant('UntypedStorage') },
      ),
      shape: fc.oneof(
        { weight: 4, arbitrary: fc.array(dim, { minLength: 1, maxLength: 3 }) },
        // one element seen many times (with zero strides): what a stride trick claims
        fc
          .tuple(fc.constantFrom(2 ** 20, 2 ** 24, 2 ** 27, 2 ** 30), fc.nat({ max: 3 }))
          .map(([n, d]): number[] => [n, ...Array.from({ length: d }, () => 2)]),
      ),
      strides: fc.oneof(
        { weight: 3, arbitrary: fc.constant('contiguous' as const) },
        { weight: 2, arbitrary: fc.constant('zero' as const) },
        fc.array(count, { minLength: 3, maxLength: 3 }),
      ),
      offset: fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, count),
      numel: sometimes(count),
    })
    .map(({ strides, ...t }) => ({
      ...t,
      stride: strides === 'contiguous' ? contiguous(t.shape) : strides === 'zero' ? t.shape.map(() => 0) : strides.slice(0, t.shape.length),
    }));
  const storage = fc.record({
    deflated: fc.boolean(),
    /** a size the headers declare instead of the real one */
    declared: sometimes(count),
  });
  const pickleEdits = fc.oneof(
    { weight: 3, arbitrary: fc.constant([]) },
    fc.array(fc.tuple(fc.nat(), fc.nat({ max: 255 })), { minLength: 1, maxLength: 2 }),
  );

  /** Bytes each storage needs for the tensors that read it (capped: a lying size is not backed). */
  function storageSizes(tensors: readonly (Omit<TensorSpec, 'numel'> & { storage: string })[]): Map<string, number> {
    const sizes = new Map<string, number>();
    for (const t of tensors) {
      const item = ITEM[t.storage] ?? 4;
      const last = t.shape.reduce((a, d, i) => a + (d - 1) * (t.stride[i] ?? 0), t.offset ?? 0);
      const need = t.shape.includes(0) ? 0 : (last + 1) * item;
      if (need <= 4096) sizes.set(t.key, Math.max(sizes.get(t.key) ?? 0, need));
    }
    return sizes;
  }

  it(
    'pickles with lying sizes, strides, offsets, counts and memoised replays; storages stored, deflated or lying about their size',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(tensor, { minLength: 1, maxLength: 4 }),
          fc.nat({ max: 64 }),
          fc.array(storage, { minLength: 3, maxLength: 3 }),
          pickleEdits,
          async (tensors, replays, storages, edits) => {
            const sizes = storageSizes(tensors);
            const specs = tensors.map((t) => ({ ...t, numel: t.numel ?? Math.floor((sizes.get(t.key) ?? 0) / (ITEM[t.storage] ?? 4)) }));
            const pickle = stateDictPickle(specs, replays);
            for (const [at, b] of edits) pickle[at % pickle.length] = b;
            const entries: ZipEntry[] = torchEntries(pickle, {}).concat(
              [...sizes].map(([key, size], i) => {
                const s = storages[i % storages.length] as { deflated: boolean; declared?: number };
                const raw = new Uint8Array(size).map((_, j) => j * 37);
                const data = s.deflated ? deflateSync(raw) : raw;
                return { name: `archive/data/${key}`, data, method: s.deflated ? 8 : 0, size: s.declared ?? size };
              }),
            );
            return readsOrRefuses({ format: 'pytorch', bytes: zip(entries).bytes });
          },
        ),
        { numRuns: RUNS, seed: SEED },
      );
    },
    TEST_TIMEOUT,
  );

  it(
    'zip containers with mutated sizes, methods, name and extra lengths, offsets and entry counts',
    async () => {
      const pickle = stateDictPickle([
        { name: 'a', key: '0', numel: 4, shape: [2, 2], stride: [2, 1] },
        { name: 'b', key: '0', numel: 4, shape: [2], stride: [2], offset: 1 },
        { name: 'c', key: '1', numel: 3, shape: [3], stride: [1] },
      ]);
      const f32 = (...x: number[]) => new Uint8Array(new Float32Array(x).buffer);
      // an entry no tensor names, 516 MB of zeros in 500 KB: never to be inflated, whatever the headers say
      const bomb = deflatedZeros(2_000_000);
      const layout = zip([
        ...torchEntries(pickle, { 0: f32(1, 2, 3, 4) }),
        { name: 'archive/data/1', data: deflateSync(f32(5, 6, 7)), method: 8, size: 12 },
        { name: 'archive/unused', data: bomb.data, method: 8, size: bomb.size },
      ]);
      const fields: Field[] = [];
      const add = (at: number, size: Field['size'], what: string) => fields.push({ at, size, kind: 'length', what });
      for (const e of layout.entries) {
        for (const [o, s, w] of [
          [8, 2, 'method'],
          [18, 4, 'compressed size'],
          [22, 4, 'size'],
          [26, 2, 'name length'],
          [28, 2, 'extra length'],
        ] as const)
          add(e.local + o, s, `local ${w}`);
        for (const [o, s, w] of [
          [10, 2, 'method'],
          [20, 4, 'compressed size'],
          [24, 4, 'size'],
          [28, 2, 'name length'],
          [30, 2, 'extra length'],
          [32, 2, 'comment length'],
          [42, 4, 'local offset'],
        ] as const)
          add(e.central + o, s, `central ${w}`);
      }
      for (const [o, s, w] of [
        [8, 2, 'entries'],
        [10, 2, 'entries'],
        [12, 4, 'directory size'],
        [16, 4, 'directory offset'],
        [20, 2, 'comment length'],
      ] as const)
        add(layout.end + o, s, `end ${w}`);
      const candidates = [
        BigInt(layout.bytes.length),
        BigInt(layout.end),
        ...layout.entries.flatMap((e) => [BigInt(e.local), BigInt(e.central), BigInt(e.data)]),
      ];
      expect(await probe.run({ format: 'pytorch', bytes: layout.bytes })).toMatchObject({ value: { tensors: 3, elements: 9 } });
      await probe.keep({ base: layout.bytes });
      await fc.assert(
        fc.asyncProperty(fieldEdits(layout.bytes, fields, candidates), (edits) => readsOrRefuses({ format: 'pytorch', edits })),
        { numRuns: RUNS, seed: SEED },
      );
    },
    TEST_TIMEOUT,
  );
});

describe('fuzz (structure-aware, isolated): tf_model.h5', () => {
  const base = new Uint8Array(readFileSync(fixturePath('models', 'tiny', 'checkpoint-tf', 'base', 'tf_model.h5')));
  const { fields } = hdf5Layout(base);
  const v = new DataView(base.buffer, base.byteOffset, base.byteLength);
  // other structures' addresses: a child pointer set to one of them makes a loop or a shared node
  const pointers = [...new Set(fields.filter((f) => f.kind === 'pointer').map((f) => readField(v, f)))];

  it(
    'B-tree levels, entry counts and child pointers, symbol-node counts, heap and header sizes, pointers aimed at other structures',
    async () => {
      const candidates = [...pointers, BigInt(base.length), BigInt(base.length - 8)];
      expect(await probe.run({ format: 'h5', bytes: base })).toMatchObject({ value: { tensors: 53 } });
      await probe.keep({ base });
      await fc.assert(
        fc.asyncProperty(fieldEdits(base, fields, candidates), (edits) => readsOrRefuses({ format: 'h5', edits })),
        { numRuns: RUNS, seed: SEED },
      );
    },
    TEST_TIMEOUT,
  );

  it(
    'crafted B-trees of any depth and fan-out whose children point onward, back, at themselves or anywhere',
    async () => {
      const target: fc.Arbitrary<ChildTarget> = fc.oneof(
        { weight: 4, arbitrary: fc.constant('next' as const) },
        fc.constantFrom('self' as const, 'first' as const, 'symbols' as const),
        fc.constantFrom(...pointers),
      );
      await fc.assert(
        fc.asyncProperty(
          fc.integer({ min: 1, max: 24 }),
          fc.integer({ min: 1, max: 48 }),
          fc.array(target, { minLength: 1, maxLength: 8 }),
          (levels, entries, targets) =>
            readsOrRefuses({
              format: 'h5',
              bytes: btreeLoop(base, levels, entries, (k, i) => targets[(k * entries + i) % targets.length] as ChildTarget),
            }),
        ),
        { numRuns: RUNS, seed: SEED },
      );
    },
    TEST_TIMEOUT,
  );
});
