// The playground in Chromium, driven through its DOM: every task on wasm and WebGPU against the
// reference (the float32 demo models' pipeline outputs, from fixtures/demo; tiny fixtures' logits),
// a dropped checkpoint folder against @convbert/node, the pictures (screenshots in .artifacts/), the
// worker mode, and no request leaving 127.0.0.1. What a visitor sees is in first-visit.test.ts.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ARTIFACTS, type Harness, startHarness } from '@convbert/browser-testing';
import { ConvBertModel as NodeConvBertModel, pipeline as nodePipeline } from '@convbert/node';
import {
  caseCall,
  caseIds,
  checkpointDir,
  compareClose,
  FP32_TOLERANCE,
  fillMaskCases,
  goldenOutputs,
  sentimentCases,
  WEBGPU_TOLERANCE,
} from '@convbert/test-fixtures';
import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { tinyFolder, useHarness } from './suite.js';
import { inkedPixels, openModelBox, runInUi, type UiResult } from './ui.js';

const suite = useHarness(() =>
  startHarness({ 'tests/tiny-sequence-classification': { dir: checkpointDir('tiny', 'sequence-classification') } }),
);
let hx: Harness;
let page: Page;
beforeEach(() => {
  hx = suite.hx;
  page = hx.page;
});

const tiny = tinyFolder;
// The site serves the float16 copies of the demo models; the reference's numbers are those of the float32 originals.
const float32Demo = (name: string) => ({ kind: 'url' as const, url: `/__fixtures__/demo/${name}/` });

function expectClose(what: string, got: number[] | undefined, want: number[], tol: { atol: number; rtol: number }): void {
  const r = compareClose(got ?? [], want, tol.atol, tol.rtol);
  expect(r.ok, `${what}: max |diff| ${r.maxAbs}`).toBe(true);
}

function expectDone(r: UiResult): void {
  expect(r.error, r.error).toBeUndefined();
  expect(r.status).toBe('done');
  expect(r.timings?.modelCalls).toBeGreaterThan(0);
  expect(r.timings!.tokenizeMs + r.timings!.runMs + r.timings!.postprocessMs).toBeCloseTo(r.timings!.totalMs, 3);
}

for (const device of ['wasm', 'webgpu'] as const) {
  const tol = device === 'wasm' ? FP32_TOLERANCE : WEBGPU_TOLERANCE;
  // SwiftShader's WebGPU is slow: WebGPU runs a few reference cases of each kind, wasm all of them.
  const some = <T>(xs: T[]) => (device === 'wasm' ? xs : xs.slice(0, 3));

  describe(`playground on ${device}`, () => {
    it('fill-mask (float32 demo MLM model): the reference top-5 tokens and probabilities', async () => {
      for (const c of some(fillMaskCases())) {
        const r = await runInUi(page, {
          task: 'fill-mask',
          device,
          model: float32Demo('convbert-mini-mlm'),
          fields: { text: c.text },
          options: '{ "topK": 5 }',
        });
        expectDone(r);
        const preds = r.result as { token: number; score: number }[];
        expect(preds.map((p) => p.token)).toEqual(c.top10_ids.slice(0, 5));
        expectClose(
          c.text,
          preds.map((p) => p.score),
          c.top10_probs.slice(0, 5),
          tol,
        );
      }
    });

    it('text-classification (float32 demo SST-2 model): the reference labels and scores', async () => {
      for (const c of some(sentimentCases())) {
        const r = await runInUi(page, {
          task: 'text-classification',
          device,
          model: float32Demo('convbert-mini-sst2'),
          fields: { text: c.text, pair: '' },
          options: '{ "topK": 1 }',
        });
        expectDone(r);
        const [best] = r.result as { label: string; score: number }[];
        expect(best?.label).toBe(c.pred_label);
        expectClose(c.text, [best?.score ?? 0], [c.score], tol);
        expectClose(`${c.text} logits`, r.calls[0]?.outputs.logits?.data, c.logits, tol);
      }
    });

    it('text-classification with a sentence pair (tiny checkpoint): ids and logits of the reference', async () => {
      const call = caseCall('tiny', 'pair_question_context');
      const r = await runInUi(page, {
        task: 'text-classification',
        device,
        model: tiny('sequence-classification'),
        fields: { text: call.text as string, pair: call.text_pair as string },
        options: '{ "topK": null }',
      });
      expectDone(r);
      expect(r.calls[0]?.inputs.inputIds?.data).toEqual(caseIds('tiny', 'pair_question_context').data);
      expectClose(
        'logits',
        r.calls[0]?.outputs.logits?.data,
        goldenOutputs('tiny', 'sequence-classification', 'pair_question_context').logits!.data,
        tol,
      );
      expect((r.result as { label: string }[]).map((l) => l.label).sort()).toEqual(['negative', 'neutral', 'positive']);
    });

    it('token-classification (tiny checkpoint): logits of the reference, entities highlighted', async () => {
      const r = await runInUi(page, {
        task: 'token-classification',
        device,
        model: tiny('token-classification'),
        fields: { text: caseCall('tiny', 'single_question').text as string },
        options: '{ "aggregationStrategy": "simple" }',
      });
      expectDone(r);
      expect(r.calls[0]?.inputs.inputIds?.data).toEqual(caseIds('tiny', 'single_question').data);
      expectClose(
        'logits',
        r.calls[0]?.outputs.logits?.data,
        goldenOutputs('tiny', 'token-classification', 'single_question').logits!.data,
        tol,
      );
      const marks = await page.locator('#output mark').count();
      expect(marks).toBe((r.result as unknown[]).length);
      expect(marks).toBeGreaterThan(0);
    });

    it('question-answering (tiny checkpoint): start/end logits of the reference, answer highlighted', async () => {
      const call = caseCall('tiny', 'batch3_item0_alone');
      const r = await runInUi(page, {
        task: 'question-answering',
        device,
        model: tiny('question-answering'),
        fields: { question: call.text as string, context: call.text_pair as string },
        options: '{ "topK": 1 }',
      });
      expectDone(r);
      expect(r.calls[0]?.inputs.inputIds?.data).toEqual(caseIds('tiny', 'batch3_item0_alone').data);
      const want = goldenOutputs('tiny', 'question-answering', 'batch3_item0_alone');
      expectClose('start', r.calls[0]?.outputs.startLogits?.data, want.start_logits!.data, tol);
      expectClose('end', r.calls[0]?.outputs.endLogits?.data, want.end_logits!.data, tol);
      const answer = r.result as { answer: string; start: number; end: number };
      expect(await page.locator('#answer-context mark .mark-text').textContent()).toBe(answer.answer);
    });

    it('multiple-choice (tiny checkpoint, choices padded together as in the reference): logits', async () => {
      const call = caseCall('tiny', 'mc_1x3');
      const r = await runInUi(page, {
        task: 'multiple-choice',
        device,
        model: tiny('multiple-choice'),
        fields: { prompt: (call.text as string[])[0] as string, choices: (call.text_pair as string[]).join('\n') },
        options: '{ "batching": "padded", "batchSize": 3 }',
      });
      expectDone(r);
      expect(r.calls[0]?.inputs.inputIds?.data).toEqual(caseIds('tiny', 'mc_1x3').data);
      expectClose('logits', r.calls[0]?.outputs.logits?.data, goldenOutputs('tiny', 'multiple-choice', 'mc_1x3').logits!.data, tol);
    });

    it('fill-mask (tiny checkpoint): top-5 logits of every position as the reference', async () => {
      const text = (caseCall('tiny', 'single_masked').text as string).replace('NFC', '[MASK]');
      const r = await runInUi(page, { task: 'fill-mask', device, model: tiny('masked-lm'), fields: { text } });
      expectDone(r);
      expect(r.calls[0]?.inputs.inputIds?.data).toEqual(caseIds('tiny', 'single_masked').data);
      const want = goldenOutputs('tiny', 'masked-lm', 'single_masked');
      expectClose('top-5 logits', r.calls[0]?.outputs.logits?.top5?.values, want.logits_top5_values!.data, tol);
      expect(r.calls[0]?.outputs.logits?.top5?.ids).toEqual(want.logits_top5_ids!.data);
    });

    it('feature-extraction (tiny checkpoint): hidden states of the reference; similarity shown', async () => {
      const text = caseCall('tiny', 'single_question').text as string;
      const r = await runInUi(page, {
        task: 'feature-extraction',
        device,
        model: tiny('base'),
        fields: { a: text, b: 'An unrelated sentence.' },
      });
      expectDone(r);
      expect(r.calls[0]?.inputs.inputIds?.data).toEqual(caseIds('tiny', 'single_question').data);
      expectClose(
        'last_hidden_state',
        r.calls[0]?.outputs.lastHiddenState?.data,
        goldenOutputs('tiny', 'base', 'single_question').last_hidden_state!.data,
        tol,
      );
      expect(await page.locator('#output .similarity').textContent()).toMatch(/cosine similarity .*: -?\d\.\d{4}/);
    });

    it('pictures: attention maps and convolution kernels of every layer and head are drawn', async () => {
      const r = await runInUi(page, {
        task: 'fill-mask',
        device,
        model: { kind: 'demo' },
        fields: { text: 'the movie was [MASK] good .' },
      });
      expectDone(r);
      expect(r.picturesError).toBeUndefined();
      const p = r.pictures!;
      expect(p.attentions).toHaveLength(4);
      expect(p.convKernels).toHaveLength(4);
      const n = p.tokens.length;
      // Each attention row and each kernel is a softmax: it sums to 1.
      for (const a of p.attentions)
        for (let row = 0; row < a.data.length / n; row++)
          expect(a.data.slice(row * n, (row + 1) * n).reduce((x, y) => x + y, 0)).toBeCloseTo(1, 3);
      for (const k of p.convKernels) {
        const width = k.dims[3] as number;
        for (let row = 0; row < k.data.length / width; row++)
          expect(k.data.slice(row * width, (row + 1) * width).reduce((x, y) => x + y, 0)).toBeCloseTo(1, 3);
      }
      for (const sel of ['#attention-canvas', '#kernel-canvas', '#overview-canvas'])
        expect(await inkedPixels(page, sel), sel).toBeGreaterThan(500);
      await page.selectOption('#picture-layer', '3');
      await page.selectOption('#picture-head', '1');
      expect(await inkedPixels(page, '#attention-canvas')).toBeGreaterThan(500);
      await page.locator('#pictures').screenshot({ path: join(ARTIFACTS, `pictures-${device}.png`) });
      await page.screenshot({ path: join(ARTIFACTS, `playground-${device}.png`), fullPage: true });
    });
  });
}

describe('playground: models from elsewhere', () => {
  it('a dropped checkpoint folder is converted in the page and gives what @convbert/node gives', async () => {
    await page.click('[data-task="feature-extraction"]');
    await page.check('#device-wasm');
    await openModelBox(page);
    await page.check('input[name=model-kind][value=demo]');
    await page.setInputFiles('#folder-input', checkpointDir('tiny', 'base'));
    // The picked folder is named once, with its files; the file input keeps showing them.
    expect(await page.locator('#model-desc').textContent()).toMatch(/^folder “base” \(\d+: .*config\.json/);
    const picked = () => page.$eval('#folder-input', (el) => (el as HTMLInputElement).files?.length ?? 0);
    expect(await picked()).toBeGreaterThan(0);
    expect(await page.textContent('#dropzone')).toMatch(/model\.safetensors, pytorch_model\.bin or tf_model\.h5/);
    const text = caseCall('tiny', 'pair_question_context').text as string;
    const r = await runInUi(page, {
      task: 'feature-extraction',
      device: 'wasm',
      model: { kind: 'keep' },
      fields: { a: text, b: 'Another text.' },
      options: '{ "pooling": "none" }',
    });
    expectDone(r);
    const ids = r.calls[0]!.inputs.inputIds!;
    const node = await NodeConvBertModel.fromPretrained(checkpointDir('tiny', 'base'));
    const want = await node.forward({ inputIds: { data: BigInt64Array.from(ids.data, BigInt), dims: ids.dims } });
    await node.dispose();
    expectClose(
      'dropped folder vs @convbert/node',
      r.calls[0]?.outputs.lastHiddenState?.data,
      Array.from(want.lastHiddenState.data),
      FP32_TOLERANCE,
    );
    expect(await picked()).toBeGreaterThan(0);
    // The pipeline's own result (first text, no pooling) is the same [seq, hidden] matrix.
    expect((r.result as { dims: number[] }[])[0]?.dims).toEqual([ids.dims[1], 32]);
  });

  it('a folder dragged and dropped onto the page (drop event) is used as the model', async () => {
    const dir = checkpointDir('tiny', 'sequence-classification');
    const files = readdirSync(dir).map((name) => ({ name, base64: readFileSync(join(dir, name)).toString('base64') }));
    await page.click('[data-task="text-classification"]');
    await openModelBox(page);
    await page.check('input[name=model-kind][value=demo]');
    await page.evaluate(async (files) => {
      const dt = new DataTransfer();
      for (const f of files) dt.items.add(new File([Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0))], f.name));
      document.querySelector('#dropzone')!.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, files);
    await page.waitForFunction(
      () => (window as unknown as { convbert: { app: { choice: { kind: string } } } }).convbert.app.choice.kind === 'files',
    );
    expect(await page.textContent('#model-desc')).toMatch(/^dropped files \(\d+: /);
    const text = caseCall('tiny', 'single_question').text as string;
    const r = await runInUi(page, {
      task: 'text-classification',
      device: 'wasm',
      model: { kind: 'keep' },
      fields: { text, pair: '' },
      options: '{ "topK": null }',
    });
    expectDone(r);
    expectClose(
      'logits',
      r.calls[0]?.outputs.logits?.data,
      goldenOutputs('tiny', 'sequence-classification', 'single_question').logits!.data,
      FP32_TOLERANCE,
    );
    // The same pipeline in Node (@convbert/node, onnxruntime-node) on the same folder.
    const node = await nodePipeline('text-classification', dir, { topK: null });
    const want = (await node(text)) as { label: string; score: number }[];
    await node.dispose();
    const got = r.result as { label: string; score: number }[];
    expect(got.map((x) => x.label)).toEqual(want.map((x) => x.label));
    expectClose(
      'scores vs @convbert/node',
      got.map((x) => x.score),
      want.map((x) => x.score),
      { atol: 1e-5, rtol: 0 },
    );
  });

  it('a hub id (endpoint configurable) is fetched into Cache Storage and runs', async () => {
    await page.click('[data-task="text-classification"]');
    await openModelBox(page);
    await page.check('input[name=model-kind][value=hub]');
    await page.fill('#hub-id', 'tests/tiny-sequence-classification');
    await page.fill('#hub-endpoint', `${hx.origin}/hub`);
    const text = caseCall('tiny', 'single_question').text as string;
    const r = await runInUi(page, {
      task: 'text-classification',
      device: 'wasm',
      model: { kind: 'keep' },
      fields: { text, pair: '' },
      options: '{ "topK": null }',
    });
    expectDone(r);
    expectClose(
      'logits',
      r.calls[0]?.outputs.logits?.data,
      goldenOutputs('tiny', 'sequence-classification', 'single_question').logits!.data,
      FP32_TOLERANCE,
    );
    expect(hx.hubHits.some((h) => h.endsWith('/tests/tiny-sequence-classification/resolve/main/model.safetensors'))).toBe(true);
    const cached = await page.evaluate(async () => (await (await caches.open('convbert-hub')).keys()).map((k) => k.url));
    expect(cached.some((u) => u.endsWith('/models--tests--tiny-sequence-classification/snapshots/main/model.safetensors'))).toBe(true);
  });

  it('the Web Worker mode gives the same fill-mask predictions', async () => {
    const c = fillMaskCases()[0]!;
    const r = await runInUi(page, {
      task: 'fill-mask',
      device: 'wasm',
      model: { kind: 'demo' },
      worker: true,
      fields: { text: c.text },
      options: '{ "topK": 5 }',
    });
    expect(r.error, r.error).toBeUndefined();
    expect((r.result as { token: number }[]).map((p) => p.token)).toEqual(c.top10_ids.slice(0, 5));
    expect(r.timings?.modelCalls).toBe(1);
    // A hub id in the worker: the hub settings travel as plain options.
    await page.click('[data-task="text-classification"]');
    await openModelBox(page);
    await page.check('input[name=model-kind][value=hub]');
    await page.fill('#hub-id', 'tests/tiny-sequence-classification');
    await page.fill('#hub-endpoint', `${hx.origin}/hub`);
    const text = caseCall('tiny', 'single_question').text as string;
    const h = await runInUi(page, {
      task: 'text-classification',
      device: 'wasm',
      model: { kind: 'keep' },
      worker: true,
      fields: { text, pair: '' },
      options: '{ "topK": 1 }',
    });
    expect(h.error, h.error).toBeUndefined();
    const logits = goldenOutputs('tiny', 'sequence-classification', 'single_question').logits!.data;
    expect((h.result as { label: string }[])[0]?.label).toBe(['negative', 'neutral', 'positive'][logits.indexOf(Math.max(...logits))]);
    await page.locator('#use-worker').setChecked(false);
  });

  it('no request left 127.0.0.1, and the page threw nothing', () => {
    expect(hx.requests.external).toEqual([]);
    expect(hx.requests.all.some((u) => u.includes('/models/convbert-mini-mlm/model.safetensors'))).toBe(true);
    expect(hx.requests.all.some((u) => u.includes('/ort/ort-wasm-simd-threaded.wasm'))).toBe(true);
    expect(hx.pageErrors).toEqual([]);
  });
});
