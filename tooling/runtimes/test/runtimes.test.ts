// One behaviour suite (src/suite.mjs) in every runtime: Node, Bun and Deno with the node and web
// backends, workerd with the web backend. A runtime that is not installed fails with the
// install hint; nothing is skipped. Prints the timings of each runtime at the end.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error idem
import { startRegistry } from '../src/local-registry.mjs';
// @ts-expect-error plain JavaScript modules shared with the runtimes (no types)
import { DENO_FLAGS, HERE, parseSuite, ROOT, run, runtimeBin, suiteCommand } from '../src/runtimes.mjs';
// @ts-expect-error idem
import { serveFixtures } from '../src/serve-fixtures.mjs';

const demo = JSON.parse(readFileSync(join(ROOT, 'fixtures/demo/convbert-mini-sst2/golden/demo_sentences.json'), 'utf8')).cases as {
  text: string;
  pred_label: string;
  score: number;
}[];

/** The CLI's `--json` answer for the first demo sentence against PyTorch's prediction. */
function expectDemoAnswer(out: string): void {
  const line = out.split('\n').find((l) => l.startsWith('[{'));
  const [top] = JSON.parse(line ?? 'null') as { label: string; score: number }[];
  expect(top?.label, out).toBe(demo[0]!.pred_label);
  expect(Math.abs(top!.score - demo[0]!.score), out).toBeLessThan(1e-2);
}

/** Checks of src/suite.mjs; a run that reports fewer did not run them all. */
const CHECKS = 15;
const timings: Record<string, unknown>[] = [];

function expectAllPassed(out: string, code: number | null): void {
  const r = parseSuite(out);
  if (r.timings) timings.push(r.timings);
  expect(r.failed, out).toBe(0);
  expect(r.passed, out).toBe(CHECKS);
  expect(code, out).toBe(0);
}

afterAll(() => {
  console.log(
    ['runtime / backend: load, first call, warm call (ms) of the embedded SST-2 model; whole suite']
      .concat(timings.map((t) => `  ${t.runtime} / ${t.backend}: ${t.loadMs}, ${t.firstCallMs}, ${t.warmCallMs}; ${t.suiteMs}`))
      .join('\n'),
  );
});

for (const runtime of ['node', 'bun', 'deno']) {
  describe(runtime, () => {
    for (const backend of ['node', 'web']) {
      it(`runs the behaviour suite on the ${backend} backend`, async () => {
        const { bin, args } = suiteCommand(runtime, backend);
        // A fresh graph cache: Node and Bun write it, Deno (no --allow-write) must build in memory.
        const cache = mkdtempSync(join(tmpdir(), `convbert-${runtime}-`));
        try {
          const { code, out } = await run(bin, args, { CONVBERT_CACHE: cache });
          expectAllPassed(out, code);
          if (runtime === 'deno' && backend === 'node') expect(out).toMatch(/could not keep the built graph/);
        } finally {
          rmSync(cache, { recursive: true, force: true });
        }
      }, 180_000);
    }
  });
}

describe('command line and permissions', () => {
  it('Bun: the convbert CLI runs under `bunx --bun`', async () => {
    const { code, out } = await run(runtimeBin('bun'), ['x', '--bun', 'convbert', 'text-classification', demo[0]!.text, '--json']);
    expect(code, out).toBe(0);
    expectDemoAnswer(out);
  }, 60_000);

  it('Deno: the convbert CLI runs read-only (--allow-read --allow-env --allow-ffi), building its graph in memory', async () => {
    const cli = join(HERE, 'node_modules', '@convbert', 'node', 'dist', 'bin', 'convbert.js');
    const { code, out } = await run(runtimeBin('deno'), ['run', ...DENO_FLAGS.node, cli, 'text-classification', demo[0]!.text, '--json']);
    expect(code, out).toBe(0);
    expectDemoAnswer(out);
  }, 60_000);

  it('Deno without --allow-ffi: the node backend answers a typed error naming the flag and @convbert/web', async () => {
    const { code, out } = await run(runtimeBin('deno'), ['run', '--allow-read', '--allow-env', join(HERE, 'src', 'capability.mjs')]);
    expect(code, out).toBe(0);
    const r = JSON.parse(out.trim().split('\n').pop()!) as { code?: string; message?: string };
    expect(r.code, out).toBe('BACKEND_UNAVAILABLE');
    expect(r.message).toMatch(/--allow-ffi/);
    expect(r.message).toMatch(/@convbert\/web/);
  }, 60_000);
});

describe('Deno with npm: specifiers', () => {
  it('imports npm:@convbert/node with no node_modules (--node-modules-dir=none, a local registry)', async () => {
    // The packages are not published, and tests stay offline: a registry on 127.0.0.1 serves the
    // workspace's `pnpm pack` tarballs and the dependencies pnpm installed.
    const work = mkdtempSync(join(tmpdir(), 'convbert-deno-npm-'));
    const registry = await startRegistry(ROOT, work, ['config', 'core', 'heads', 'tokenizer', 'models', 'node']);
    try {
      const app = join(work, 'app');
      mkdirSync(app);
      copyFileSync(join(HERE, 'src', 'npm-specifiers.mjs'), join(app, 'main.mjs'));
      const flags = ['--node-modules-dir=none', '--no-config', ...DENO_FLAGS.node, '--allow-net=127.0.0.1'];
      const { code, out } = await run(runtimeBin('deno'), ['run', ...flags, join(app, 'main.mjs'), demo[0]!.text], {
        DENO_DIR: join(work, 'deno-dir'),
        DENO_NO_PACKAGE_JSON: '1',
        NPM_CONFIG_REGISTRY: registry.url,
        NO_COLOR: '1',
      });
      expect(code, out.slice(-2000)).toBe(0);
      expectDemoAnswer(out);
      expect(existsSync(join(app, 'node_modules'))).toBe(false);
    } finally {
      await registry.close();
      rmSync(work, { recursive: true, force: true });
    }
  }, 240_000);
});

describe('workerd', () => {
  it('runs the behaviour suite on the web backend in a Worker (wrangler, local workerd)', async () => {
    runtimeBin('workerd');
    runtimeBin('wrangler');
    process.env.WRANGLER_SEND_METRICS = 'false';
    process.env.CLOUDFLARE_CF_FETCH_ENABLED = 'false';
    const { unstable_dev } = await import('wrangler');
    const server = await serveFixtures(ROOT);
    const worker = await unstable_dev(join(HERE, 'src', 'workerd.mjs'), {
      config: join(HERE, 'wrangler.jsonc'),
      ip: '127.0.0.1',
      persist: false,
      logLevel: 'error',
      experimental: { disableExperimentalWarning: true, watch: false, disableDevRegistry: true, forceLocal: true },
    });
    try {
      const res = await worker.fetch(`/?base=${encodeURIComponent(server.url)}`);
      const out = await res.text();
      expectAllPassed(out, res.status === 200 ? 0 : res.status);
    } finally {
      await worker.stop();
      await server.close();
    }
  }, 180_000);
});
