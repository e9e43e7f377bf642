// Driving the playground through its DOM, and reading what it computed from `window.convbert.app`.
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

export type UiModel = { kind: 'demo' } | { kind: 'url'; url: string } | { kind: 'keep' };

export interface UiRun {
  task: string;
  device: 'wasm' | 'webgpu';
  model?: UiModel;
  fields: Record<string, string>;
  options?: string;
  worker?: boolean;
}

export interface Tensorish {
  data: number[];
  dims: number[];
  /** For vocabulary-sized rows: the top-5 values and ids of each row instead of `data`. */
  top5?: { values: number[]; ids: number[] };
}

export interface UiResult {
  status: string;
  error?: string;
  result: unknown;
  timings?: { tokenizeMs: number; runMs: number; postprocessMs: number; totalMs: number; modelCalls: number };
  calls: { inputs: Record<string, Tensorish>; outputs: Record<string, Tensorish> }[];
  pictures?: { tokens: string[]; attentions: Tensorish[]; convKernels: Tensorish[] };
  picturesError?: string;
}

/** Opens the collapsed "Model" box (its inputs are hidden until then). */
export async function openModelBox(page: Page): Promise<void> {
  await page.evaluate(() => document.querySelector('#model-box')?.setAttribute('open', ''));
}

/**
 * Waits until the page's last run — started synchronously by the click or key that asked for it —
 * is finished with its tokens and maps, or was dropped.
 */
export async function settled(page: Page): Promise<void> {
  await page.evaluate(() => (window as unknown as { convbert: { app: { settled(): Promise<void> } } }).convbert.app.settled());
}

export async function runInUi(page: Page, r: UiRun): Promise<UiResult> {
  await page.click(`[data-task="${r.task}"]`);
  await page.check(`#device-${r.device}`);
  const worker = page.locator('#use-worker');
  if ((await worker.isChecked()) !== Boolean(r.worker)) await worker.setChecked(Boolean(r.worker));
  const model = r.model ?? { kind: 'demo' };
  if (model.kind !== 'keep') await openModelBox(page);
  if (model.kind === 'demo') await page.check('input[name=model-kind][value=demo]');
  if (model.kind === 'url') {
    await page.check('input[name=model-kind][value=url]');
    await page.fill('#model-url', model.url);
  }
  for (const [name, value] of Object.entries(r.fields)) await page.fill(`#field-${name}`, value);
  if (r.options !== undefined) await page.fill('#field-options', r.options);
  await page.click('#run');
  await settled(page);
  return readResult(page);
}

/** What the page computed for its last run (tensors as numbers; vocabulary-sized rows as their top 5). */
export function readResult(page: Page): Promise<UiResult> {
  return page.evaluate(() => {
    const app = (window as unknown as { convbert: { app: Record<string, unknown> } }).convbert.app;
    const tensor = (t: { data: ArrayLike<number | bigint>; dims: readonly number[] }) => {
      const dims = [...t.dims];
      const last = dims[dims.length - 1] ?? 1;
      if (last < 1000) return { data: Array.from(t.data as ArrayLike<number>, Number), dims };
      const values: number[] = [];
      const ids: number[] = [];
      for (let row = 0; row * last < t.data.length; row++) {
        const best: [number, number][] = [];
        for (let j = 0; j < last; j++) {
          const v = Number(t.data[row * last + j]);
          if (best.length < 5 || v > (best[best.length - 1] as [number, number])[0]) {
            best.push([v, j]);
            best.sort((a, b) => b[0] - a[0]);
            if (best.length > 5) best.pop();
          }
        }
        for (const [v, j] of best) {
          values.push(v);
          ids.push(j);
        }
      }
      return { data: [], dims, top5: { values, ids } };
    };
    const isTensor = (x: unknown): x is { data: ArrayLike<number>; dims: number[] } =>
      typeof x === 'object' && x !== null && 'data' in x && 'dims' in x && ArrayBuffer.isView((x as { data: unknown }).data);
    const tensors = (o: unknown) =>
      Object.fromEntries(
        Object.entries((o ?? {}) as Record<string, unknown>)
          .filter(([, v]) => isTensor(v))
          .map(([k, v]) => [k, tensor(v as never)]),
      );
    const plain = (x: unknown): unknown =>
      x === undefined
        ? undefined
        : JSON.parse(JSON.stringify(x, (_k, v) => (ArrayBuffer.isView(v) ? Array.from(v as unknown as ArrayLike<number>) : v)));
    const pics = app.lastPictures as { tokens: string[]; attentions: never[]; convKernels: never[] } | undefined;
    return {
      status: app.status as string,
      error: app.error as string | undefined,
      result: plain(app.lastResult),
      timings: app.lastTimings as UiResult['timings'],
      calls: ((app.lastCalls ?? []) as { inputs: unknown; outputs: unknown }[]).map((c) => ({
        inputs: tensors(c.inputs),
        outputs: tensors(c.outputs),
      })),
      pictures: pics && { tokens: pics.tokens, attentions: pics.attentions.map(tensor), convKernels: pics.convKernels.map(tensor) },
      picturesError: app.picturesError as string | undefined,
    };
  }) as Promise<UiResult>;
}

/** Pixels of a canvas that are not white (a blank canvas has none). */
export function inkedPixels(page: Page, selector: string): Promise<number> {
  return page.evaluate((sel) => {
    const c = document.querySelector(sel) as HTMLCanvasElement | null;
    if (!c || c.width === 0) return 0;
    const d = (c.getContext('2d') as CanvasRenderingContext2D).getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 0; i < d.length; i += 4) if ((d[i] as number) < 245 || (d[i + 1] as number) < 245 || (d[i + 2] as number) < 245) n++;
    return n;
  }, selector);
}

const require = createRequire(import.meta.url);

export interface AxeCounts {
  critical: number;
  serious: number;
  moderate: number;
  minor: number;
  /** `impact:rule (nodes)` of each violation, for the failure message. */
  rules: string[];
}

/** axe-core's violations on the page as it is now (WCAG 2 A/AA and best practices). */
export async function axeCounts(page: Page): Promise<AxeCounts> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }> } }).axe;
    return (await axe.run()).violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length }));
  });
  const count = (impact: string) => violations.filter((v) => v.impact === impact).length;
  return {
    critical: count('critical'),
    serious: count('serious'),
    moderate: count('moderate'),
    minor: count('minor'),
    rules: violations.map((v) => `${v.impact}:${v.id} (${v.nodes})`),
  };
}

/** How far the page scrolls sideways (0: it fits the viewport). */
export function sidewaysScroll(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/** The text of each marked span of the result (without the label drawn after it). */
export function markedTexts(page: Page, scope = '#output'): Promise<string[]> {
  return page.$$eval(`${scope} mark .mark-text`, (els) => els.map((e) => e.textContent ?? ''));
}
