// Every tab runs its own demo model (src/demos.ts) on its examples and gives the reference's answer
// — or, while that model's folder is not in the repository, shows one note instead of failing (the
// same test then checks the answers as soon as the folder is added). Highlights are compared with
// the reference's spans on emoji, CJK and accented inputs (the reference counts code points, the
// page UTF-16 units: both must mark the same text). Also: a TensorFlow folder gets its maps too.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startHarness } from '@convbert/browser-testing';
import { pipeline as nodePipeline } from '@convbert/node';
import { compareClose, FP32_TOLERANCE, fillMaskCases, fixturePath, pipelineCases, sentimentCases } from '@convbert/test-fixtures';
import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { demoFolder } from '../demo-folders.ts';
import { DEMO_MODELS, type TaskId } from '../src/demos.ts';
import { tinyFolder, useHarness } from './suite.js';
import { markedTexts, openModelBox, readResult, runInUi, settled, type UiResult } from './ui.js';

const suite = useHarness(() => startHarness());
let page: Page;
beforeEach(() => {
  page = suite.hx.page;
});

/** Python's `text[start:end]`: the reference's offsets count code points. */
const pySlice = (text: string, start: number, end: number) => Array.from(text).slice(start, end).join('');

function expectClose(what: string, got: number[], want: number[], tol: { atol: number; rtol: number } = FP32_TOLERANCE): void {
  const r = compareClose(got, want, tol.atol, tol.rtol);
  expect(r.ok, `${what}: max |diff| ${r.maxAbs}`).toBe(true);
}

/** The reference outputs a task model's export wrote beside it (tooling/train/export.py). */
function golden<T>(name: string): T[] {
  const dir = demoFolder(name) as string;
  const path = [fixturePath('demo', name, 'golden', 'cases.json'), join(dir, 'golden', 'cases.json')].find((p) => existsSync(p));
  if (!path) throw new Error(`${name} is served from ${dir}, but no golden/cases.json with its reference outputs was found`);
  return (JSON.parse(readFileSync(path, 'utf8')) as { cases: T[] }).cases;
}

/** Picks the tab's example `title` (which runs it) on the demo model, on wasm. */
async function runExample(task: TaskId, title: string): Promise<UiResult> {
  await page.click(`[data-task="${task}"]`);
  await page.check('#device-wasm');
  await openModelBox(page);
  await page.check('input[name=model-kind][value=demo]');
  await page.click(`.example >> text="${title}"`);
  await settled(page);
  return readResult(page);
}

async function fieldValue(name: string): Promise<string> {
  return page.inputValue(`#field-${name}`);
}

/** While a demo folder is absent: the tab says so in one note, and Run gives that note, not an error. */
async function expectNote(task: TaskId): Promise<void> {
  await page.click(`[data-task="${task}"]`);
  await openModelBox(page);
  await page.check('input[name=model-kind][value=demo]');
  const note = await page.textContent('#demo-note');
  expect(note).toContain(DEMO_MODELS[task]);
  await page.click('#run');
  await settled(page);
  const r = await readResult(page);
  expect(r.status).toBe('no-model');
  expect(await page.textContent('#status')).toContain('not on this site yet');
  expect(await page.isHidden('#result')).toBe(true);
}

/** The tab's test on its demo model when the folder is there, else the note. */
function demoIt(task: TaskId, what: string, body: () => Promise<void>): void {
  const name = DEMO_MODELS[task];
  const present = demoFolder(name) !== undefined;
  it(`${task} (${name}): ${present ? what : 'absent: one clear note instead of a failure'}`, () => (present ? body() : expectNote(task)));
}

describe('each tab on its demo model', () => {
  demoIt('fill-mask', 'the reference’s top word, filled in and marked in the text', async () => {
    const r = await runExample('fill-mask', 'the movie was [MASK] good .');
    const c = fillMaskCases().find((x) => x.text === 'the movie was [MASK] good .')!;
    const preds = r.result as { token: number; token_str: string }[];
    expect(preds[0]?.token).toBe(c.top10_ids[0]);
    expect((await markedTexts(page))[0]).toBe(preds[0]?.token_str);
  });

  demoIt('text-classification', 'the reference’s label on each example (float16 copy: score within 1e-2)', async () => {
    for (const title of ['A touching film', 'A waste of time', 'It was not bad.']) {
      const r = await runExample('text-classification', title);
      const text = await fieldValue('text');
      const want = sentimentCases().find((x) => x.text === text)!;
      const [best] = r.result as { label: string; score: number }[];
      expect(best?.label, text).toBe(want.pred_label);
      expect(Math.abs((best?.score ?? 0) - want.score), text).toBeLessThan(1e-2);
    }
  });

  interface NerCase {
    text: string;
    pipeline: Record<string, { entity_group: string; score: number; start: number; end: number }[]>;
  }
  demoIt('token-classification', 'the reference’s entities, marked on the same text (emoji, CJK, accents)', async () => {
    const cases = golden<NerCase>(DEMO_MODELS['token-classification']);
    for (const title of ['Wolfgang in Berlin', 'Accents', 'CJK', 'Emoji']) {
      const r = await runExample('token-classification', title);
      const text = await fieldValue('text');
      const want = cases.find((c) => c.text === text)?.pipeline.simple;
      expect(want, `no reference for ${text}`).toBeDefined();
      const got = r.result as { entity_group: string; score: number }[];
      expect(
        got.map((e) => e.entity_group),
        text,
      ).toEqual(want!.map((e) => e.entity_group));
      expect(await markedTexts(page), text).toEqual(want!.map((e) => pySlice(text, e.start, e.end)));
      expectClose(
        text,
        got.map((e) => e.score),
        want!.map((e) => e.score),
      );
    }
  });

  interface QaCase {
    question: string;
    context: string;
    pipeline: { answer: string; score: number };
    pipeline_top_k_3: { answer: string; score: number }[];
  }
  demoIt('question-answering', 'the reference’s three best answers; the best marked in the context (emoji, CJK, accents)', async () => {
    const cases = golden<QaCase>(DEMO_MODELS['question-answering']);
    for (const title of ['Where do I live?', 'Who wrote Hamlet?', 'Accents and CJK', 'Emoji']) {
      const r = await runExample('question-answering', title);
      const [question, context] = [await fieldValue('question'), await fieldValue('context')];
      const want = cases.find((c) => c.question === question && c.context === context);
      expect(want, `no reference for ${question} / ${context}`).toBeDefined();
      const got = r.result as { answer: string; score: number }[];
      expect(got.map((a) => a.answer)).toEqual(want!.pipeline_top_k_3.map((a) => a.answer));
      expectClose(
        context,
        got.map((a) => a.score),
        want!.pipeline_top_k_3.map((a) => a.score),
      );
      expect(await markedTexts(page, '#answer-context')).toEqual([want!.pipeline.answer]);
      expect(await page.$$eval('.answers .answer', (els) => els.map((e) => e.textContent))).toEqual(
        want!.pipeline_top_k_3.map((a) => `“${a.answer}”`),
      );
    }
  });

  interface McCase {
    prompt: string;
    choices: string[];
    scores: number[];
    best: number;
  }
  demoIt('multiple-choice', 'the reference’s scores and best choice on each example', async () => {
    const cases = golden<McCase>(DEMO_MODELS['multiple-choice']);
    for (const title of ['The fridge', 'Running shoes', 'Rain']) {
      const r = await runExample('multiple-choice', title);
      const prompt = await fieldValue('prompt');
      const want = cases.find((c) => c.prompt === prompt);
      expect(want, `no reference for ${prompt}`).toBeDefined();
      const got = r.result as { index: number; score: number }[];
      expect(got[0]?.index).toBe(want!.best);
      const byIndex = [...got].sort((a, b) => a.index - b.index).map((c) => c.score);
      expectClose(prompt, byIndex, want!.scores);
    }
  });

  demoIt('feature-extraction', 'the vectors @convbert/node gives on the same folder, and their similarity', async () => {
    const r = await runExample('feature-extraction', 'Two reviews');
    const [a, b] = [await fieldValue('a'), await fieldValue('b')];
    const node = await nodePipeline('feature-extraction', demoFolder(DEMO_MODELS['feature-extraction'])!, {
      pooling: 'mean',
      normalize: true,
    });
    const want = (await node([a, b])) as { data: Float32Array }[];
    await node.dispose();
    const got = r.result as { data: number[] }[];
    for (const i of [0, 1]) expectClose(`vector ${i}`, got[i]!.data, Array.from(want[i]!.data));
    const cos = Array.from(want[0]!.data).reduce((s, x, i) => s + x * (want[1]!.data[i] as number), 0);
    expect(await page.textContent('#output .similarity')).toBe(`cosine similarity (mean pooling): ${cos.toFixed(4)}`);
  });
});

describe('highlights on non-ASCII text (tiny checkpoints)', () => {
  const tiny = tinyFolder;

  it('accented entities: the marks are the reference’s spans (code points) of the same text', async () => {
    const c = pipelineCases().find((x) => x.id === 'token-classification/014')!;
    const text = c.inputs as string;
    const r = await runInUi(page, {
      task: 'token-classification',
      device: 'wasm',
      model: tiny('token-classification'),
      fields: { text },
      options: '{ "aggregationStrategy": "simple" }',
    });
    expect(r.status, r.error).toBe('done');
    const want = c.output as { entity_group: string; start: number; end: number }[];
    expect(await markedTexts(page)).toEqual(want.map((e) => pySlice(text, e.start, e.end)));
    expect(await page.$$eval('#output mark', (els) => els.map((e) => e.getAttribute('data-label')))).toEqual(
      want.map((e) => e.entity_group),
    );
  });

  it('after emoji: every mark is text.slice(start, end) of the pipeline’s own offsets', async () => {
    const text = 'abc 😀😀 lives in Zurich. 東京 and São Paulo 👍.';
    const r = await runInUi(page, {
      task: 'token-classification',
      device: 'wasm',
      model: tiny('token-classification'),
      fields: { text },
      options: '{ "aggregationStrategy": "none" }',
    });
    const ents = r.result as { start: number; end: number }[];
    expect(ents.length).toBeGreaterThan(0);
    expect(await markedTexts(page)).toEqual(ents.map((e) => text.slice(e.start, e.end)));
    const context = '😀😀 My name is Wolfgang and I live in Berlin.';
    const qa = await runInUi(page, {
      task: 'question-answering',
      device: 'wasm',
      model: tiny('question-answering'),
      fields: { question: 'Where do I live?', context },
      options: '{ "topK": 1 }',
    });
    const a = (Array.isArray(qa.result) ? qa.result[0] : qa.result) as { answer: string; start: number; end: number };
    expect(context.slice(a.start, a.end)).toBe(a.answer);
    expect(await markedTexts(page, '#answer-context')).toEqual([a.answer]);
    // The tokens view shows what the emoji became (the two, with no space between, are one word).
    expect(await page.textContent('#unk-notice')).toContain('became [UNK]: “😀😀”');
  });
});

describe('models from elsewhere', () => {
  it('a TensorFlow folder (tf_model.h5 only) gets its maps too, and nothing asks for a `fromTF` the page does not offer', async () => {
    const r = await runInUi(page, {
      task: 'text-classification',
      device: 'wasm',
      model: { kind: 'url', url: '/__fixtures__/models/tiny/checkpoint-tf/sequence-classification/' },
      fields: { text: 'Hello world!', pair: '' },
      options: '{ "topK": null }',
    });
    expect(r.status, r.error).toBe('done');
    expect(r.picturesError).toBeUndefined();
    expect(r.pictures?.attentions.length).toBeGreaterThan(0);
    expect(await page.locator('#pictures canvas').count()).toBe(3);
    expect(await page.textContent('body')).not.toContain('fromTF');
  });
});
