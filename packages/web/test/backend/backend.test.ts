// The backend in Node (onnxruntime-web's wasm build runs there too): every torch-exported head of
// the fixtures gives the reference's outputs. The same checks run in Chromium in browser.test.ts.
import { readFileSync } from 'node:fs';
import { checkJob, FP32_TOLERANCE, onnxJobs, onnxPath, TOPK, topK } from '@convbert/test-fixtures';
import { describe, expect, it } from 'vitest';
import { WebBackend, WebError } from '../../src/index.js';

const VOCAB = 30522;

describe('WebBackend (wasm, in Node)', () => {
  const jobs = [...onnxJobs('tiny'), ...onnxJobs('tiny-grouped')];

  it('runs every torch-exported head of both configurations within 1e-4 of the reference', async () => {
    const backend = new WebBackend({ device: 'wasm' });
    const sessions = new Map<string, Awaited<ReturnType<WebBackend['createSession']>>>();
    let worst = 0;
    const failures: string[] = [];
    for (const { job, expected } of jobs) {
      let s = sessions.get(job.onnx);
      if (!s) {
        s = await backend.createSession(new Uint8Array(readFileSync(onnxPath(job))));
        sessions.set(job.onnx, s);
      }
      const feeds = Object.fromEntries(
        Object.entries(job.feeds)
          .filter(([k]) => s.inputNames.includes(k))
          .map(([k, v]) => [k, { data: BigInt64Array.from(v.data, BigInt), dims: v.dims }]),
      );
      const out = await s.run(feeds, job.outputs);
      const actual: Record<string, { data: number[]; dims: number[] }> = {};
      for (const [name, t] of Object.entries(out)) {
        if (job.head === 'masked-lm' && name === 'logits') {
          const top = topK(t.data as Float32Array, VOCAB);
          const dims = [...t.dims.slice(0, -1), TOPK];
          actual.logits_top5_values = { data: top.values, dims };
          actual.logits_top5_ids = { data: top.ids, dims };
        } else actual[name] = { data: Array.from(t.data as Float32Array), dims: [...t.dims] };
      }
      const r = checkJob(job, expected, actual, FP32_TOLERANCE);
      failures.push(...r.failures);
      worst = Math.max(worst, r.maxAbs);
    }
    for (const s of sessions.values()) await s.release();
    console.log(`wasm (Node): ${jobs.length} head × case runs, max |diff| ${worst.toExponential(2)}`);
    expect(failures).toEqual([]);
    expect(jobs.length).toBeGreaterThan(40);
  }, 120_000);

  it('refuses bad input with WebError codes', async () => {
    expect(() => new WebBackend({ device: 'cuda' as never })).toThrow(WebError);
    const backend = new WebBackend();
    await expect(backend.createSession(new Uint8Array())).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(backend.createSession(new Uint8Array([1, 2, 3, 4]))).rejects.toMatchObject({ code: 'SESSION_FAILED' });
    // No WebGPU adapter in Node: a clear error, not a crash.
    await expect(new WebBackend({ device: 'webgpu' }).createSession(new Uint8Array([1]))).rejects.toMatchObject({
      code: 'BACKEND_UNAVAILABLE',
    });
  });

  it('asks only for outputs the model has', async () => {
    const s = await new WebBackend().createSession(new Uint8Array(readFileSync(onnxPath(jobs[0]!.job))));
    const ids = { data: new BigInt64Array([101n, 102n]), dims: [1, 2] };
    await expect(s.run({ input_ids: ids, attention_mask: ids, token_type_ids: ids }, ['attentions.0'])).rejects.toMatchObject({
      code: 'BACKEND_OUTPUT_MISSING',
    });
    await s.release();
    await expect(s.run({ input_ids: ids })).rejects.toMatchObject({ code: 'MODEL_DISPOSED' });
  });
});
