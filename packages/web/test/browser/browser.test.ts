// The package in a real browser: the playground is built with Vite, served on 127.0.0.1 with
// COOP/COEP, and driven in Debian's Chromium through playwright-core. Chromium missing = failure.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { type Harness, startHarness } from '@convbert/browser-testing';
import {
  checkJob,
  checkpointDir,
  FP32_TOLERANCE,
  fixturePath,
  goldenOutputs,
  type OnnxJob,
  onnxJobs,
  pipelineCases,
  pipelineOutputDiff,
  WEBGPU_TOLERANCE,
} from '@convbert/test-fixtures';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runBuiltEncoderInPage, runOnnxJobsInPage, runPipelineCasesInPage } from './page-runners.js';

let hx: Harness;
let page: Page;

// A missing Chromium (or a failed build) must fail every test, not skip it: keep the error
// and throw it before each test, so reports count them as failures.
let setupError: unknown;

beforeAll(async () => {
  try {
    hx = await startHarness({
      'tests/tiny-base': { dir: checkpointDir('tiny', 'base') },
      'tests/bad-sha': { dir: checkpointDir('tiny', 'base'), wrongSha: true },
    });
    page = hx.page;
  } catch (err) {
    setupError = err;
  }
});

beforeEach(() => {
  if (setupError) throw setupError;
});

afterAll(async () => {
  await hx?.close();
});

/** fp32 on wasm; WebGPU (SwiftShader in CI) sums in other orders. Both measured, see FP32_TOLERANCE. */
const TOLERANCE = { wasm: FP32_TOLERANCE, webgpu: WEBGPU_TOLERANCE } as const;

/**
 * wasm runs every head × case; WebGPU, which runs the same graphs through another provider,
 * runs one case per config and head (SwiftShader is slow, and repeating the whole wasm run
 * there took most of this file's time without testing anything the subset does not).
 */
function representative<T extends { job: OnnxJob }>(device: 'wasm' | 'webgpu', jobs: T[]): T[] {
  if (device === 'wasm') return jobs;
  const seen = new Set<string>();
  return jobs.filter(({ job }) => {
    const key = `${job.config}/${job.head}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

async function parity(
  device: 'wasm' | 'webgpu',
  jobs: { job: OnnxJob; expected: Parameters<typeof checkJob>[1] }[],
  tolerance: { atol: number; rtol: number },
  on: Page = page,
) {
  const results = await runOnnxJobsInPage(
    on,
    device,
    jobs.map((j) => j.job),
  );
  const failures: string[] = [];
  let worst = 0;
  jobs.forEach(({ job, expected }, i) => {
    const r = checkJob(job, expected, results[i] as Record<string, { data: number[]; dims: number[] }>, tolerance);
    failures.push(...r.failures);
    worst = Math.max(worst, r.maxAbs);
  });
  return { failures, worst };
}

describe('@convbert/web in Chromium', () => {
  it('serves a cross-origin isolated page (wasm threads possible)', async () => {
    const info = await page.evaluate(() => ({ isolated: crossOriginIsolated, sab: typeof SharedArrayBuffer !== 'undefined' }));
    expect(info).toEqual({ isolated: true, sab: true });
  });

  it("device wasm fetches only ONNX Runtime's plain wasm build, never the WebGPU-capable (JSEP) one", async () => {
    const fresh = await hx.openFresh();
    try {
      const jobs = onnxJobs('tiny')
        .filter((j) => j.job.head === 'base')
        .slice(0, 1);
      await runBuiltEncoderInPage(
        fresh.page,
        'wasm',
        '/__fixtures__/models/tiny/checkpoint/base/',
        jobs.map((j) => ({ name: j.job.case, feeds: j.job.feeds })),
      );
      const ort = fresh.requests.all.filter((u) => /\/ort-wasm[^/]*\.(wasm|mjs)(\?|$)/.test(u)).map((u) => u.split('/').at(-1));
      expect(ort.some((f) => /^ort-wasm-simd-threaded\.wasm/.test(f!))).toBe(true);
      expect(ort.filter((f) => f!.includes('.jsep.'))).toEqual([]);
    } finally {
      await fresh.close();
    }
  });

  for (const device of ['wasm', 'webgpu'] as const) {
    const tol = TOLERANCE[device];
    it(`${device}: ${device === 'wasm' ? 'every' : 'one case of each'} torch-exported ONNX head matches the reference within ${tol.atol} + ${tol.rtol}·|x|`, async () => {
      const jobs = representative(device, [...onnxJobs('tiny'), ...onnxJobs('tiny-grouped')]);
      const { failures, worst } = await parity(device, jobs, tol);
      console.log(`${device} (Chromium): ${jobs.length} head × case runs, max |diff| ${worst.toExponential(2)}`);
      expect(failures).toEqual([]);
    });
  }

  for (const device of ['wasm', 'webgpu'] as const) {
    const tol = TOLERANCE[device];
    it(`${device}: the graph built in the page from each checkpoint gives the reference hidden states (every layer)`, async () => {
      const failures: string[] = [];
      let worst = 0;
      for (const config of ['tiny', 'tiny-grouped'] as const) {
        const jobs = representative(
          device,
          onnxJobs(config).filter((j) => j.job.head === 'base'),
        );
        const got = await runBuiltEncoderInPage(
          page,
          device,
          `/__fixtures__/models/${config}/checkpoint/base/`,
          jobs.map((j) => ({ name: j.job.case, feeds: j.job.feeds })),
        );
        jobs.forEach(({ job }, i) => {
          const want = goldenOutputs(config, 'base', job.case);
          const r = checkJob(job, { values: want }, got[i] as Record<string, { data: number[]; dims: number[] }>, tol);
          failures.push(...r.failures);
          worst = Math.max(worst, r.maxAbs);
        });
      }
      console.log(`${device} (Chromium), built graphs: max |diff| ${worst.toExponential(2)}`);
      expect(failures).toEqual([]);
    });
  }

  it('wasm: pipeline() gives Hugging Face’s pipeline outputs (a representative subset of golden/pipelines.json)', async () => {
    // Token classification grouped (the decoder's words) and per token with ignore_labels, windows
    // with top_k and with impossible answers, two masks, targets, a text-classification list and pair.
    const ids = ['015', '030', '040', '042', '044', '053', '054', '058', '059'];
    const cases = pipelineCases().filter((c) => ids.includes(c.id.split('/')[1] as string));
    expect(cases).toHaveLength(ids.length);
    const got = await runPipelineCasesInPage(page, 'wasm', cases);
    const failures = cases.flatMap((c, i) => pipelineOutputDiff(got[i], c.output, 1e-5).map((d) => `${c.id} ${d}`));
    expect(failures).toEqual([]);
  });

  it('wasm int8: the trained SST-2 model gives PyTorch’s float32 label on at least 99% of the dev set (as in Node)', async () => {
    // Labels compared with the reference's recorded predictions, never with our own float32 run.
    const golden = (file: string) => readFileSync(fixturePath('demo', 'convbert-mini-sst2', 'golden', file), 'utf8');
    const sentences = golden('sst2_dev.tsv')
      .split('\n')
      .slice(1)
      .filter((l) => l.trim() !== '')
      .map((l) => l.split('\t')[1] as string);
    const reference = golden('sst2_dev_predictions.jsonl')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => (JSON.parse(l) as { pred_label: string }).pred_label);
    const labels = await page.evaluate(async (texts) => {
      const { web } = (window as unknown as { convbert: { web: typeof import('../../src/index.js') } }).convbert;
      const clf = await web.pipeline('text-classification', '/__fixtures__/demo/convbert-mini-sst2/', { dtype: 'int8', graphCache: false });
      try {
        return ((await clf(texts, { batchSize: 32 })) as { label: string }[]).map((r) => r.label);
      } finally {
        await clf.dispose();
      }
    }, sentences);
    const same = labels.filter((l, i) => l === reference[i]).length;
    console.log(
      `sst2 int8 (Chromium, wasm): ${same}/${sentences.length} labels equal PyTorch float32 (${((100 * same) / sentences.length).toFixed(2)}%)`,
    );
    expect(sentences).toHaveLength(872);
    expect(labels).toHaveLength(872);
    expect(same / sentences.length).toBeGreaterThanOrEqual(0.99);
  });

  it('graphs built from a checkpoint are kept in Cache Storage (graphCache: true) and reused', async () => {
    const r = await page.evaluate(async () => {
      const { web } = (window as unknown as { convbert: { web: typeof import('../../src/index.js') } }).convbert;
      await new web.CacheStorageGraphCache().clear();
      const load = () =>
        web.ConvBertModel.fromPretrained('/__fixtures__/models/tiny/checkpoint/base/', { format: 'checkpoint', graphCache: true });
      const run = async (m: Awaited<ReturnType<typeof load>>) =>
        Array.from((await m.forward({ inputIds: [[101, 2054, 102]] })).lastHiddenState.data);
      const first = await load();
      const second = await load();
      const a = await run(first);
      const b = await run(second);
      // The write into Cache Storage goes on after the load (the session does not wait for it).
      await new web.CacheStorageGraphCache().flushed();
      const keys = (await (await caches.open(web.DEFAULT_GRAPH_CACHE_NAME)).keys()).length;
      return { cached: [first.info.cached, second.info.cached], same: a.every((x, i) => x === b[i]), keys };
    });
    expect(r).toEqual({ cached: [false, true], same: true, keys: 1 });
  });

  it('wasm with 2 threads (SharedArrayBuffer) gives the same numbers', async () => {
    const p = await hx.open('?threads=2');
    const jobs = onnxJobs('tiny').filter((j) => j.job.head === 'base');
    const { failures } = await parity('wasm', jobs, FP32_TOLERANCE, p);
    const threads = await p.evaluate(
      () => (window as unknown as { convbert: { web: { ortEnvInfo(): { numThreads: number } } } }).convbert.web.ortEnvInfo().numThreads,
    );
    await p.close();
    expect(threads).toBe(2);
    expect(failures).toEqual([]);
  });

  it('hub loading: fetch + Cache Storage, sha256 checked, names refused before any request', async () => {
    const endpoint = `${hx.origin}/hub`;
    const r = await page.evaluate(async (endpoint) => {
      const { web } = (window as unknown as { convbert: { web: typeof import('../../src/index.js') } }).convbert;
      await web.clearHubCache();
      const errorOf = async (f: () => Promise<unknown>) => {
        try {
          await f();
          return 'no error';
        } catch (e) {
          return (e as { code?: string }).code ?? String(e);
        }
      };
      const src = new web.WebHubSource('tests/tiny-base', { endpoint });
      const first = new TextDecoder().decode(await src.read('config.json'));
      const again = new TextDecoder().decode(
        await new web.WebHubSource('tests/tiny-base', { endpoint, localFilesOnly: true }).read('config.json'),
      );
      const weights = (await src.read('model.safetensors')).byteLength;
      const keys = (await (await caches.open(web.DEFAULT_CACHE_NAME)).keys()).map((k) => k.url);
      return {
        same: first === again,
        weights,
        keys,
        exists: await src.exists('vocab.txt'),
        missing: await src.exists('pytorch_model.bin'),
        badSha: await errorOf(() => new web.WebHubSource('tests/bad-sha', { endpoint }).read('model.safetensors')),
        badShaCached: await errorOf(() =>
          new web.WebHubSource('tests/bad-sha', { endpoint, localFilesOnly: true }).read('model.safetensors'),
        ),
        climb: await errorOf(() => src.read('../secrets.txt')),
        offline: await errorOf(() =>
          new web.WebHubSource('tests/tiny-base', { endpoint, localFilesOnly: true }).read('tokenizer_config.json'),
        ),
      };
    }, endpoint);
    expect(r.same).toBe(true);
    expect(r.weights).toBe(statSync(join(checkpointDir('tiny', 'base'), 'model.safetensors')).size);
    expect(r.keys).toContain(`${endpoint}/models--tests--tiny-base/snapshots/main/config.json`);
    expect(r.exists).toBe(true);
    expect(r.missing).toBe(false);
    expect(r.badSha).toBe('HUB_CHECKSUM_MISMATCH');
    expect(r.badShaCached).toBe('HUB_OFFLINE_MISS');
    expect(r.climb).toBe('HUB_INVALID_NAME');
    expect(r.offline).toBe('HUB_OFFLINE_MISS');
    // config.json came from the network once; the second read was the cache's.
    expect(hx.hubHits.filter((h) => h.endsWith('/tiny-base/resolve/main/config.json'))).toHaveLength(1);
    expect(hx.hubHits.some((h) => h.includes('secrets'))).toBe(false);
  });

  it('no request left 127.0.0.1, and the page threw nothing', () => {
    expect(hx.requests.all.length).toBeGreaterThan(5);
    expect(hx.requests.external).toEqual([]);
    expect(hx.pageErrors).toEqual([]);
  });
});
