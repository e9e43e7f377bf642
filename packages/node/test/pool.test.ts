import { afterAll, describe, expect, it } from 'vitest';
// Worker threads load the built worker (dist/pool/worker.js), so this test runs the built package.
import { createPool, pipeline } from '../dist/index.js';

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
