// The playground as a first visitor meets it, in a fresh Chromium context (nothing cached): staged
// progress that moves during the cold load, the answer before the maps, the status announced and
// focus kept, real ARIA tabs, no stale result after a tab switch, the truncation notice on the
// page, axe-core with no critical or serious violation before and after a result, no sideways
// scroll on a 390 px phone, a clean console — and screenshots of every tab, desktop and phone, in
// .artifacts/screenshots/.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ARTIFACTS, type FreshPage, startHarness } from '@convbert/browser-testing';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { demoFolder } from '../demo-folders.ts';
import { DEMO_MODELS, type TaskId } from '../src/demos.ts';
import { useHarness } from './suite.js';
import { axeCounts, settled, sidewaysScroll } from './ui.js';

const SHOTS = join(ARTIFACTS, 'screenshots');
const TASK_IDS = Object.keys(DEMO_MODELS) as TaskId[];

let visit: FreshPage;
let page: Page;
// The visit is opened once: its tests follow one visitor, in order.
useHarness(
  () => startHarness(),
  async (hx) => {
    mkdirSync(SHOTS, { recursive: true });
    visit = await hx.openFresh({ viewport: { width: 1280, height: 800 } });
    page = visit.page;
  },
);

type App = { status: string; dropped: number; lastResult: unknown; picturesStatus: string; progress?: { values: number[] } };
const app = (p: Page) => p.evaluate(() => (window as unknown as { convbert: { app: App } }).convbert.app as unknown as App);
const appField = <K extends keyof App>(p: Page, k: K) =>
  p.evaluate((key) => (window as unknown as { convbert: { app: App } }).convbert.app[key as keyof App], k) as Promise<App[K]>;

/** Records, in the page, every value the progress bar shows and the order the result and the maps appear. */
function watchPage(p: Page): Promise<void> {
  return p.evaluate(() => {
    const seen = { bar: [] as number[], order: [] as string[] };
    (window as unknown as { seen: typeof seen }).seen = seen;
    const note = () => {
      const bar = document.querySelector<HTMLProgressElement>('#progress-bar');
      if (bar && seen.bar[seen.bar.length - 1] !== bar.value) seen.bar.push(bar.value);
      for (const [what, sel] of [
        ['result', '#output[data-result]'],
        ['maps', '#pictures canvas'],
      ] as const)
        if (!seen.order.includes(what) && document.querySelector(sel)) seen.order.push(what);
    };
    new MutationObserver(note).observe(document.body, { subtree: true, childList: true, attributes: true });
  });
}
const seen = (p: Page) => p.evaluate(() => (window as unknown as { seen: { bar: number[]; order: string[] } }).seen);

describe('a first visit (fresh browser, 1280×800)', () => {
  it('before any run: real ARIA tabs, a labelled form, and no critical or serious axe violation', async () => {
    const axe = await axeCounts(page);
    console.log(`axe before a result: ${JSON.stringify(axe)}`);
    expect(axe.critical + axe.serious, axe.rules.join(', ')).toBe(0);
    expect(await page.locator('main').count()).toBe(1);
    expect(await page.locator('[role=tablist] [role=tab]').count()).toBe(TASK_IDS.length);
    const selected = page.locator('[role=tab][aria-selected=true]');
    expect(await selected.getAttribute('data-task')).toBe('fill-mask');
    expect(await page.getAttribute('[role=tabpanel]', 'aria-labelledby')).toBe('tab-fill-mask');
    expect(await page.getAttribute('#status', 'aria-live')).toBe('polite');
    // Arrow keys move the selection and the focus along the tabs; Home goes back to the first.
    await selected.focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-task'))).toBe('text-classification');
    expect(await page.getAttribute('[role=tab][data-task="text-classification"]', 'aria-selected')).toBe('true');
    expect(await page.getAttribute('[role=tabpanel]', 'aria-labelledby')).toBe('tab-text-classification');
    await page.keyboard.press('Home');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-task'))).toBe('fill-mask');
  });

  it('Ctrl+Enter in the text box runs: staged progress that moves, the answer before the maps, focus kept', async () => {
    await watchPage(page);
    await page.focus('#field-text');
    await page.keyboard.press('Control+Enter');
    // From the first second the page says what it is doing, with a bar.
    await page.waitForSelector('#progress-bar', { timeout: 2000 });
    await settled(page);
    expect(await appField(page, 'status')).toBe('done');
    const { bar, order } = await seen(page);
    // The bar moved through an intermediate value on its way to 100 (each shown value is kept). How
    // many the page shows depends on how fast the local files arrive: at least one between.
    expect(bar.length, `bar values ${bar}`).toBeGreaterThanOrEqual(2);
    expect(
      bar.some((v) => v > 0 && v < 100),
      `bar values ${bar}`,
    ).toBe(true);
    expect(
      bar.every((v, i) => i === 0 || v >= (bar[i - 1] as number)),
      `bar values ${bar}`,
    ).toBe(true);
    expect(bar[bar.length - 1]).toBe(100);
    const stages = await page.$$eval('.stages li[data-stage]', (els) =>
      els.map((e) => `${e.getAttribute('data-stage')}:${e.getAttribute('data-state')}`),
    );
    expect(stages).toEqual(['download:done', 'graph:done', 'session:done', 'run:done']);
    expect(await page.locator('.stages .files li', { hasText: 'model.safetensors' }).count()).toBe(1);
    expect(order).toEqual(['result', 'maps']);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('field-text');
    expect(await page.textContent('#status')).toMatch(/^Done in \d+\.\d\d s\.$/);
    const axe = await axeCounts(page);
    console.log(`axe after a result: ${JSON.stringify(axe)}`);
    expect(axe.critical + axe.serious, axe.rules.join(', ')).toBe(0);
  });

  it('the Run button keeps the focus through a run', async () => {
    await page.fill('#field-text', 'he is a very [MASK] actor .');
    await page.click('#run');
    await settled(page);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('run');
    expect(await page.locator('#output mark.filled').count()).toBe(5);
  });

  it('the maps: a legend each, token labels, and a hover that names the two tokens of a cell', async () => {
    expect(await page.locator('#pictures .legend-scale').count()).toBe(2);
    // The maps sit below the fold of an 800 px window: bring them into view before pointing at them.
    await page.locator('#attention-canvas').scrollIntoViewIfNeeded();
    const box = (await page.locator('#attention-canvas').boundingBox())!;
    // The last cell of the map (bottom right) links [SEP] to [SEP].
    // The maps are drawn after the result: on a busy machine the first move can come before the
    // canvas has its data, so the pointer moves again until the readout answers.
    const hover = async (x: number, y: number, readout: string, until: RegExp) =>
      expect
        .poll(
          async () => {
            await page.mouse.move(x - 1, y - 1);
            await page.mouse.move(x, y);
            return (await page.textContent(readout)) ?? '';
          },
          { timeout: 30_000 },
        )
        .toMatch(until);
    await hover(box.x + box.width - 6, box.y + box.height - 6, '#attention-canvas-readout', /attends to/);
    expect(await page.textContent('#attention-canvas-readout')).toMatch(/^layer 0 head 0: “\[SEP\]” attends to “\[SEP\]” with \d\.\d{3}$/);
    // The overview names the tile under the pointer; a click shows it large.
    const o = (await page.locator('#overview-canvas').boundingBox())!;
    await hover(o.x + o.width - 20, o.y + o.height - 20, '#pictures .readout', /click to enlarge/);
    expect(await page.textContent('#pictures .readout')).toBe('layer 3, head 1: dynamic convolution (click to enlarge)');
    await page.mouse.click(o.x + o.width - 20, o.y + o.height - 20);
    expect([await page.inputValue('#picture-layer'), await page.inputValue('#picture-head')]).toEqual(['3', '1']);
  });

  it('a run whose tab is left is dropped: no stale result under the new tab', async () => {
    // The demo model's files are held until the tab has changed: a small model loads in less time
    // than a click takes, and a run that ends before the switch has nothing to drop.
    const held = `**/models/${DEMO_MODELS['text-classification']}/**`;
    let release = () => {};
    const gate = new Promise<void>((r) => (release = r));
    await page.route(held, async (route) => {
      await gate;
      await route.continue();
    });
    try {
      await page.click('[data-task="text-classification"]');
      await page.click('#run');
      expect(await appField(page, 'status')).toBe('loading');
      await page.click('[data-task="multiple-choice"]', { delay: 0 });
    } finally {
      release();
    }
    await settled(page);
    await page.unroute(held);
    // The text-classification load finished meanwhile; its result must not show here.
    const a = await app(page);
    expect(a.status).not.toBe('done');
    expect(a.lastResult).toBeUndefined();
    expect(a.dropped).toBeGreaterThanOrEqual(1);
    expect(await page.isHidden('#result')).toBe(true);
    expect(await page.locator('#task-panel table.bars').count()).toBe(0);
    expect(await page.getAttribute('[role=tab][aria-selected=true]', 'data-task')).toBe('multiple-choice');
  });

  it('a text longer than the model reads: the truncation notice is on the page, next to the result', async () => {
    await page.click('[data-task="text-classification"]');
    await page.click('.example >> text=A 5,000-word review');
    await settled(page);
    expect(await appField(page, 'status')).toBe('done');
    const notice = await page.textContent('#result #truncation-notice');
    expect(notice).toMatch(/input 0 has \d+ tokens, more than the model's 128; it was classified on its first 128/);
    expect(await page.textContent('#tokens-heading')).toMatch(/^Tokens \(128 of \d+\)$/);
  });

  it('every tab, desktop and phone (390×844): it runs its demo or says in one note why not; no sideways scroll', async () => {
    for (const viewport of [
      { width: 1280, height: 800, name: 'desktop' },
      { width: 390, height: 844, name: 'phone' },
    ]) {
      await page.setViewportSize(viewport);
      for (const task of TASK_IDS) {
        await page.click(`[data-task="${task}"]`);
        await page.click('#run');
        await settled(page);
        const status = await appField(page, 'status');
        if (demoFolder(DEMO_MODELS[task])) expect(status, `${task}: ${await page.textContent('#status')}`).toBe('done');
        else {
          expect(status).toBe('no-model');
          expect(await page.textContent('#demo-note')).toContain(DEMO_MODELS[task]);
          expect(await page.isVisible('#demo-note')).toBe(true);
        }
        expect(await sidewaysScroll(page), `${task} at ${viewport.width} px`).toBe(0);
        if (viewport.name === 'phone' && status === 'done') {
          // The answer is on screen after a run, not below the fold.
          const top = await page.evaluate(() => document.querySelector('#result')?.getBoundingClientRect().top ?? 1e9);
          expect(top, task).toBeLessThan(viewport.height);
        }
        await page.screenshot({ path: join(SHOTS, `${task}-${viewport.name}.png`), fullPage: true });
      }
    }
    const axe = await axeCounts(page);
    expect(axe.critical + axe.serious, axe.rules.join(', ')).toBe(0);
  });

  it('the console stayed clean: no error, no warning, no 404 of a probed file', () => {
    const noise = visit.console.filter((m) => ['error', 'warning', 'pageerror'].includes(m.type));
    expect(noise).toEqual([]);
    expect(visit.requests.external).toEqual([]);
  });
});
