// Shared set-up of the browser tests (@convbert/web's and the playground's): build the playground with Vite, serve it (and the fixtures,
// and a hub look-alike) on 127.0.0.1 with COOP/COEP, open it in Chromium, guard every request.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FIXTURES_DIR } from '@convbert/test-fixtures';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { build } from 'vite';
import { launchChromium, requireChromium } from './chromium.js';
import { guardRequests, type RequestLog } from './requests.js';
import { type StaticServer, serveStatic } from './server.js';

const here = dirname(fileURLToPath(import.meta.url));
const PLAYGROUND = resolve(here, '../../../apps/playground');
/** Test artifacts (screenshots, the built playground): `.artifacts` of the package under test (git-ignored). */
export const ARTIFACTS = resolve(process.cwd(), '.artifacts');

export interface Harness {
  origin: string;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  requests: RequestLog;
  pageErrors: string[];
  /** Paths asked of the hub look-alike. */
  hubHits: string[];
  /** A new page of the playground (same context: same guard). */
  open(query?: string): Promise<Page>;
  /**
   * The playground in a context of its own, as a first visitor gets it: empty Cache Storage and
   * HTTP cache, its own request guard, and every console message and page error it prints.
   */
  openFresh(options?: FreshOptions): Promise<FreshPage>;
  close(): Promise<void>;
}

export interface FreshOptions {
  viewport?: { width: number; height: number };
  query?: string;
}

export interface FreshPage {
  page: Page;
  context: BrowserContext;
  requests: RequestLog;
  /** `type: text` of every console message (errors and warnings included), and page errors as `pageerror: …`. */
  console: { type: string; text: string }[];
  close(): Promise<void>;
}

export type HubRepos = Record<string, { dir: string; wrongSha?: boolean }>;

let built: Promise<void> | undefined;

/** Builds the playground once per test process into .artifacts/playground. */
function buildPlayground(out: string): Promise<void> {
  built ??= build({
    root: PLAYGROUND,
    configFile: join(PLAYGROUND, 'vite.config.ts'),
    logLevel: 'warn',
    build: { outDir: out, emptyOutDir: true },
  }).then(() => undefined);
  return built;
}

export async function startHarness(hubRepos: HubRepos = {}): Promise<Harness> {
  requireChromium();
  const out = join(ARTIFACTS, 'playground');
  mkdirSync(ARTIFACTS, { recursive: true });
  await buildPlayground(out);
  const hubHits: string[] = [];
  const server: StaticServer = await serveStatic({
    root: out,
    mounts: { '/__fixtures__/': FIXTURES_DIR },
    handlers: [
      (_req, res, url) => {
        const m = /^\/hub\/(.+?)\/resolve\/([^/]+)\/(.+)$/.exec(decodeURIComponent(url.pathname));
        if (!m) return false;
        hubHits.push(url.pathname);
        const repo = hubRepos[m[1] as string];
        const path = repo ? join(repo.dir, m[3] as string) : '';
        let body: Buffer | undefined;
        try {
          if (repo && statSync(path).isFile()) body = readFileSync(path);
        } catch {}
        if (!body) {
          res.writeHead(404).end('Entry not found');
          return true;
        }
        const sha = repo?.wrongSha ? '0'.repeat(64) : createHash('sha256').update(body).digest('hex');
        res
          .writeHead(200, { etag: `"${sha}"`, 'content-length': String(body.length), 'content-type': 'application/octet-stream' })
          .end(body);
        return true;
      },
    ],
  });
  const browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const requests = await guardRequests(context, server.origin);
  const pageErrors: string[] = [];
  const open = async (query = '') => {
    const p = await context.newPage();
    p.on('pageerror', (e) => pageErrors.push(String(e)));
    await p.goto(`${server.origin}/${query}`);
    await p.waitForFunction(() => (window as unknown as { convbert?: unknown }).convbert !== undefined, undefined, { timeout: 60_000 });
    return p;
  };
  const openFresh = async ({ viewport = { width: 1280, height: 800 }, query = '' }: FreshOptions = {}): Promise<FreshPage> => {
    const ctx = await browser.newContext({ viewport });
    const log = await guardRequests(ctx, server.origin);
    const messages: { type: string; text: string }[] = [];
    const p = await ctx.newPage();
    p.on('console', (m) => messages.push({ type: m.type(), text: m.text() }));
    p.on('pageerror', (e) => messages.push({ type: 'pageerror', text: String(e) }));
    await p.goto(`${server.origin}/${query}`);
    await p.waitForFunction(() => (window as unknown as { convbert?: unknown }).convbert !== undefined, undefined, { timeout: 60_000 });
    return { page: p, context: ctx, requests: log, console: messages, close: () => ctx.close() };
  };
  const page = await open();
  return {
    origin: server.origin,
    browser,
    context,
    page,
    requests,
    pageErrors,
    hubHits,
    open,
    openFresh,
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}
