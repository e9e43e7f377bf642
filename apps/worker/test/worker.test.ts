// Runs the Worker on workerd (wrangler's local mode, as `wrangler dev` does) and checks its
// answers against PyTorch's predictions for the demonstration sentences.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { fixturePath } from '@convbert/test-fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Unstable_DevWorker, unstable_dev } from 'wrangler';

interface DemoCase {
  text: string;
  pred_label: string;
  score: number;
}
const demo = JSON.parse(readFileSync(fixturePath('demo', 'convbert-mini-sst2', 'golden', 'demo_sentences.json'), 'utf8'))
  .cases as DemoCase[];

type Ranked = { label: string; score: number }[];

describe('the sentiment Worker on workerd', () => {
  let worker: Unstable_DevWorker;
  const post = (body: unknown) => worker.fetch('/', { method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body) });

  beforeAll(async () => {
    worker = await unstable_dev(fileURLToPath(new URL('../src/index.ts', import.meta.url)), {
      config: fileURLToPath(new URL('../wrangler.jsonc', import.meta.url)),
      experimental: { disableExperimentalWarning: true, watch: false, disableDevRegistry: true, forceLocal: true },
      logLevel: 'error',
      ip: '127.0.0.1',
      persist: false,
    });
  }, 120_000);
  afterAll(async () => {
    await worker?.stop();
  });

  it('answers the Inference API shape, best first, with PyTorch’s label and score (within 1e-2, float16 graph)', async () => {
    for (const c of demo) {
      const res = await post({ inputs: c.text });
      expect(res.status, c.text).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/json');
      const out = (await res.json()) as Ranked;
      expect(out.map((x) => x.label).sort()).toEqual(['NEGATIVE', 'POSITIVE']);
      expect(out[0]!.score).toBeGreaterThanOrEqual(out[1]!.score);
      expect(out[0]!.label, c.text).toBe(c.pred_label);
      expect(Math.abs(out[0]!.score - c.score), c.text).toBeLessThan(1e-2);
      expect(out[0]!.score + out[1]!.score).toBeCloseTo(1, 5);
    }
  }, 120_000);

  it('takes an array of texts and answers one ranked list per text, in order', async () => {
    const res = await post({ inputs: demo.map((c) => c.text) });
    const out = (await res.json()) as Ranked[];
    expect(out.map((r) => r[0]!.label)).toEqual(demo.map((c) => c.pred_label));
  });

  it('refuses bad requests with a JSON error and a 4xx status', async () => {
    for (const [body, status] of [
      ['not json', 400],
      [{}, 400],
      [{ inputs: 3 }, 400],
      [{ inputs: [] }, 400],
      [{ inputs: ['ok', 1] }, 400],
    ] as const) {
      const res = await post(body);
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(((await res.json()) as { error: string }).error).toMatch(/inputs|JSON/);
    }
    expect((await worker.fetch('/', { method: 'GET' })).status).toBe(405);
    expect((await worker.fetch('/other', { method: 'POST', body: '{}' })).status).toBe(404);
  });
});
