import { HeadsError } from '@convbert/heads';
import { checkpointDir } from '@convbert/test-fixtures';
import { afterAll, describe, expect, it } from 'vitest';
// Worker threads load the built worker (dist/pool/worker.js), so this test runs the built package.
import { createPool, pipeline, type TaskName } from '../../dist/index.js';

const TEXTS = [
  'I loved this movie, it was wonderful!',
  'What a waste of time.',
  'A touching, beautifully made film.',
  'It was not bad.',
  'The worst film I have seen this year.',
  'a gorgeous, witty, seductive movie.',
];

describe('createPool (worker threads)', () => {
  const pool = createPool({ task: 'text-classification', threads: 2 });
  afterAll(() => pool.destroy());

  it('gives the same results as the in-process pipeline', async () => {
    const local = await pipeline('text-classification');
    const expected = await Promise.all(TEXTS.map((t) => local(t)));
    await local.dispose();
    const got = await Promise.all(TEXTS.map((t) => pool.run(t)));
    expect(got).toEqual(expected);
  });

  it('keeps the event loop free while the workers run', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    const runs = Array.from({ length: 40 }, (_, i) => pool.run(TEXTS[i % TEXTS.length], { topK: 2 }));
    await Promise.all(runs);
    clearInterval(timer);
    expect(ticks).toBeGreaterThan(5);
  });

  it('refuses a bad thread count', () => {
    expect(() => createPool({ task: 'text-classification', threads: 0 })).toThrow(/threads/);
  });
});

// Per task, call options that change the result: the pool must give what the in-process
// pipeline gives with them, which differs from what it gives without them.
const WITH_OPTIONS: [TaskName, string, unknown, Record<string, unknown>][] = [
  ['fill-mask', 'masked-lm', 'The capital of France is [MASK].', { topK: 2, targets: ['paris', 'lyon'] }],
  ['text-classification', 'sequence-classification', 'What a waste of time.', { topK: null, functionToApply: 'none' }],
  ['token-classification', 'token-classification', 'Emile Zola met Dr. Angstrom in Zurich.', { aggregationStrategy: 'simple' }],
  [
    'question-answering',
    'question-answering',
    { question: 'Who met whom?', context: 'Emile Zola met Dr. Angstrom in Zurich.' },
    { topK: 2 },
  ],
  ['feature-extraction', 'base', 'a short text', { pooling: 'mean', normalize: true }],
];

describe('createPool passes each call its options', () => {
  it.each(WITH_OPTIONS)('%s', async (task, head, input, options) => {
    const model = checkpointDir('tiny', head);
    const local = await pipeline(task, model, { graphCache: false });
    const call = local as unknown as (i: unknown, o?: unknown) => Promise<unknown>;
    const plain = await call(input);
    const expected = await call(input, options);
    await local.dispose();
    expect(expected).not.toEqual(plain);
    const pool = createPool({ task, model, threads: 1, graphCache: false });
    try {
      expect(await pool.run(input, options)).toEqual(expected);
    } finally {
      await pool.destroy();
    }
  });
});

describe('createPool errors', () => {
  it('keep their class, code and message', async () => {
    const pool = createPool({ task: 'fill-mask', threads: 1 });
    try {
      const noMask = await pool.run('no mask here').catch((e: unknown) => e);
      expect(noMask).toBeInstanceOf(HeadsError);
      expect(noMask).toMatchObject({ code: 'NO_MASK_TOKEN', name: 'HeadsError' });
      const badTopK = await pool.run('a [MASK] day.', { topK: 0 }).catch((e: unknown) => e);
      expect(badTopK).toBeInstanceOf(HeadsError);
      expect(badTopK).toMatchObject({ code: 'INVALID_TOP_K', message: expect.stringContaining('topK must be an integer') });
    } finally {
      await pool.destroy();
    }
  });
});
