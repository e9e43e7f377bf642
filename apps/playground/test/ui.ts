// Driving the playground through its DOM, and reading what it computed from `window.convbert.app`.
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

export async function runInUi(page: Page, r: UiRun): Promise<UiResult> {
  await page.click(`[data-task="${r.task}"]`);
  await page.check(`#device-${r.device}`);
  const worker = page.locator('#use-worker');
  if ((await worker.isChecked()) !== Boolean(r.worker)) await worker.setChecked(Boolean(r.worker));
  const model = r.model ?? { kind: 'demo' };
  if (model.kind === 'demo') await page.check('input[name=model-kind][value=demo]');
  if (model.kind === 'url') {
    await page.check('input[name=model-kind][value=url]');
    await page.fill('#model-url', model.url);
  }
  for (const [name, value] of Object.entries(r.fields)) await page.fill(`#field-${name}`, value);
  if (r.options !== undefined) await page.fill('#field-options', r.options);
  await page.click('#run');
  await page.waitForFunction(
    () => ['done', 'error'].includes((window as unknown as { convbert: { app: { status: string } } }).convbert.app.status),
    undefined,
    {
      timeout: 240_000,
    },
  );
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
      JSON.parse(JSON.stringify(x, (_k, v) => (ArrayBuffer.isView(v) ? Array.from(v as unknown as ArrayLike<number>) : v)));
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
