// Time to the first result of each tab that has its demo model: as a first visitor gets it (a fresh
// browser context, nothing cached: ONNX Runtime's wasm, the model's files and its graph all
// loaded) and warm (the same page, the tab's next example), on wasm and on WebGPU where Chromium
// has an adapter (SwiftShader's, on a machine without a GPU). Also when the maps are drawn. Not a
// test (nothing here can fail on a number): `pnpm --filter @convbert/playground bench` prints the table.
import { startHarness } from '@convbert/browser-testing';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { demoFolder } from '../demo-folders.ts';
import { DEMO_MODELS, type TaskId } from '../src/demos.ts';

type Timeline = { start: number; result: number; pictures?: number };

async function timed(page: Page, click: string): Promise<{ result: number; maps: number; status: string }> {
  await page.click(click);
  const r = await page.evaluate(async () => {
    const app = (window as unknown as { convbert: { app: { settled(): Promise<void>; timeline: Timeline; status: string } } }).convbert.app;
    await app.settled();
    return { t: app.timeline, status: app.status };
  });
  return { result: r.t.result - r.t.start, maps: (r.t.pictures ?? Number.NaN) - r.t.start, status: r.status };
}

const s = (ms: number) => (Number.isFinite(ms) ? (ms / 1000).toFixed(2) : '–');

it('time to result per tab, cold and warm', { timeout: 3_600_000 }, async () => {
  const hx = await startHarness();
  const rows: string[] = [];
  const tasks = (Object.keys(DEMO_MODELS) as TaskId[]).filter((t) => demoFolder(DEMO_MODELS[t]) !== undefined);
  try {
    for (const device of ['wasm', 'webgpu'] as const) {
      for (const task of tasks) {
        const visit = await hx.openFresh();
        const { page } = visit;
        try {
          const gpu = await page.evaluate(() =>
            (window as unknown as { convbert: { web: { isWebGpuAvailable(): Promise<boolean> } } }).convbert.web.isWebGpuAvailable(),
          );
          if (device === 'webgpu' && !gpu) {
            rows.push(`| ${task} | ${device} | no adapter | | | |`);
            continue;
          }
          await page.waitForFunction((d) => !(document.querySelector(`#device-${d}`) as HTMLInputElement).disabled, device);
          await page.check(`#device-${device}`);
          await page.click(`[data-task="${task}"]`);
          const cold = await timed(page, '#run');
          const warm = await timed(page, '.example >> nth=1');
          expect([cold.status, warm.status]).toEqual(['done', 'done']);
          rows.push(`| ${task} | ${device} | ${s(cold.result)} | ${s(cold.maps)} | ${s(warm.result)} | ${s(warm.maps)} |`);
        } finally {
          await visit.close();
        }
      }
    }
  } finally {
    await hx.close();
  }
  console.log(
    [
      '',
      `Time to result in the playground (s), Chromium ${hx.browser.version()}, ${new Date().toISOString().slice(0, 10)}:`,
      '| tab | backend | cold: result | cold: maps | warm: result | warm: maps |',
      '| --- | --- | --- | --- | --- | --- |',
      ...rows,
    ].join('\n'),
  );
});
