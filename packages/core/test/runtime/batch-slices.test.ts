import { describe, expect, it } from 'vitest';
import { BatchSlicingSession, batchAxesFromShapes, CoreError, type Session, type Tensor } from '../../src/index.js';

/** A session whose output row i is input row i times 10 (plus a batch-free `loss`), recording each call's batch. */
function fakeSession(calls: number[]): Session {
  return {
    inputNames: ['input_ids', 'attention_mask'],
    outputNames: ['hidden', 'loss'],
    async run(feeds) {
      const ids = feeds.input_ids as Tensor<BigInt64Array>;
      calls.push(ids.dims[0] as number);
      const hidden = Float32Array.from(ids.data, (v) => Number(v) * 10);
      return { hidden: { data: hidden, dims: [...ids.dims] }, loss: { data: Float32Array.of(1), dims: [] } };
    },
    async release() {},
  };
}

const axes = batchAxesFromShapes(
  [
    { name: 'input_ids', shape: ['batch_size', 'sequence_length'] },
    { name: 'attention_mask', shape: ['batch_size', 'sequence_length'] },
  ],
  [
    { name: 'hidden', shape: ['batch_size', 'sequence_length'] },
    { name: 'loss', shape: [] },
  ],
);

function feeds(rows: number, len: number): Record<string, Tensor> {
  const ids = BigInt64Array.from({ length: rows * len }, (_, i) => BigInt(i));
  return {
    input_ids: { data: ids, dims: [rows, len] },
    attention_mask: { data: new BigInt64Array(rows * len).fill(1n), dims: [rows, len] },
  };
}

describe('BatchSlicingSession', () => {
  it('finds the batch axis from the declared shapes; a loss is not batch-major', () => {
    expect(axes?.inputs).toEqual(new Set(['input_ids', 'attention_mask']));
    expect(axes?.outputs).toEqual(new Set(['hidden']));
    expect(batchAxesFromShapes([{ name: 'x', shape: [2, 'n'] }], [])).toBeUndefined();
    expect(
      batchAxesFromShapes(
        [
          { name: 'a', shape: ['b', 3] },
          { name: 'c', shape: ['n', 3] },
        ],
        [],
      ),
    ).toBeUndefined();
  });

  it('runs whole rows of at most maxTokens per call and stacks the outputs in order', async () => {
    const calls: number[] = [];
    const s = new BatchSlicingSession(fakeSession(calls), axes as NonNullable<typeof axes>, 12);
    const out = await s.run(feeds(7, 4), ['hidden']);
    expect(calls).toEqual([3, 3, 1]);
    expect(out.hidden?.dims).toEqual([7, 4]);
    expect(Array.from(out.hidden?.data as Float32Array)).toEqual(Array.from({ length: 28 }, (_, i) => i * 10));
  });

  it('runs a row longer than maxTokens on its own, and a small batch in one call', async () => {
    const calls: number[] = [];
    const s = new BatchSlicingSession(fakeSession(calls), axes as NonNullable<typeof axes>, 3);
    await s.run(feeds(2, 5), ['hidden']);
    expect(calls).toEqual([1, 1]);
    calls.length = 0;
    await new BatchSlicingSession(fakeSession(calls), axes as NonNullable<typeof axes>, 512).run(feeds(8, 5), ['hidden']);
    expect(calls).toEqual([8]);
  });

  it('runs the batch whole when an asked output has no batch axis, or no outputs are named', async () => {
    const calls: number[] = [];
    const s = new BatchSlicingSession(fakeSession(calls), axes as NonNullable<typeof axes>, 4);
    await s.run(feeds(6, 4), ['hidden', 'loss']);
    await s.run(feeds(6, 4));
    expect(calls).toEqual([6, 6]);
  });

  it('refuses a batchTokens that is not a number > 0', () => {
    for (const bad of [0, -1, Number.NaN, '512' as unknown as number]) {
      expect(() => new BatchSlicingSession(fakeSession([]), axes as NonNullable<typeof axes>, bad)).toThrow(CoreError);
    }
  });

  it('Infinity never slices', async () => {
    const calls: number[] = [];
    await new BatchSlicingSession(fakeSession(calls), axes as NonNullable<typeof axes>, Number.POSITIVE_INFINITY).run(feeds(64, 64), [
      'hidden',
    ]);
    expect(calls).toEqual([64]);
  });
});
