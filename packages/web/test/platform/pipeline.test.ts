// pipeline() and the model classes of @convbert/web in Node (onnxruntime-web's wasm), against
// the demo models' reference outputs and the tiny fixtures' logits.
import {
  checkpointDir,
  compareClose,
  fillMaskCases,
  fixturePath,
  folderFiles,
  loadManifest,
  readTensor,
  sentimentCases,
} from '@convbert/test-fixtures';
import { describe, expect, it } from 'vitest';
import { AutoTokenizer, ConvBertForSequenceClassification, ConvBertModel, FileSource, loadTokenizer, pipeline } from '../../src/index.js';

describe('pipeline() in Node (wasm)', () => {
  it('fill-mask on the demo MLM model gives the reference top-10 tokens and probabilities', async () => {
    const fm = await pipeline('fill-mask', new FileSource(folderFiles(fixturePath('demo', 'convbert-mini-mlm'))));
    for (const c of fillMaskCases()) {
      const got = (await fm(c.text, { topK: 10 })) as { token: number; token_str: string; score: number }[];
      expect(got.map((p) => p.token)).toEqual(c.top10_ids);
      expect(got.map((p) => p.token_str)).toEqual(c.top10_tokens);
      expect(
        compareClose(
          got.map((p) => p.score),
          c.top10_probs,
          1e-5,
          1e-4,
        ).ok,
      ).toBe(true);
    }
  });

  it('text-classification on the demo SST-2 model gives the reference labels and scores', async () => {
    const tc = await pipeline(
      'text-classification',
      new FileSource(folderFiles(fixturePath('demo', 'convbert-mini-sst2'), ['pytorch_model.bin'])),
    );
    for (const c of sentimentCases()) {
      const [best] = (await tc(c.text)) as { label: string; score: number }[];
      expect(best?.label).toBe(c.pred_label);
      expect(Math.abs((best?.score ?? 0) - c.score)).toBeLessThan(1e-5);
    }
  });

  it('the tokenizer and the built graphs reproduce the tiny fixtures (classification logits, hidden states)', async () => {
    const manifest = loadManifest('tiny');
    const c = manifest.cases.find((x) => x.name === 'single_question')!;
    const want = manifest.results.find((r) => r.head === 'sequence-classification' && r.case === c.name && r.kind !== 'loss')!;
    const source = new FileSource(folderFiles(checkpointDir('tiny', 'sequence-classification')));
    const tokenizer = await loadTokenizer(source);
    const text = (c as unknown as { tokenizer_call: { text: string } }).tokenizer_call.text;
    const enc = tokenizer.encode(text);
    expect(enc.inputIds).toEqual(Array.from(readTensor('tiny', c.inputs.input_ids).data as BigInt64Array, Number));
    const model = await ConvBertForSequenceClassification.fromPretrained(source);
    const { logits } = await model.forward({ inputIds: [enc.inputIds] });
    expect(compareClose(logits.data, readTensor('tiny', want.outputs.logits!).data as Float32Array).ok).toBe(true);
    const base = await ConvBertModel.fromPretrained(new FileSource(folderFiles(checkpointDir('tiny', 'base'))));
    const out = await base.forward({ inputIds: [enc.inputIds] }, { outputAttentions: true, outputConvKernels: true });
    const wantBase = manifest.results.find((r) => r.head === 'base' && r.case === c.name)!;
    expect(compareClose(out.lastHiddenState.data, readTensor('tiny', wantBase.outputs.last_hidden_state!).data as Float32Array).ok).toBe(
      true,
    );
    // Pictures' data: per layer, attention rows and kernel taps are probability distributions.
    expect(out.attentions).toHaveLength(2);
    expect(out.convKernels?.[0]?.dims).toEqual([1, enc.inputIds.length, 2, 9]);
    await model.dispose();
    await base.dispose();
  });

  it('takes flat options as @convbert/node does: load options apart, the rest call defaults; run, tokenizer, dispose', async () => {
    const files = folderFiles(fixturePath('demo', 'convbert-mini-mlm'));
    const fm = await pipeline('fill-mask', new FileSource(files), { device: 'wasm', topK: 3, timings: true });
    const preds = (await fm.run('the movie was [MASK] good .')) as { token_str: string }[];
    expect(preds.map((p) => p.token_str)).toEqual(['very', 'not', 'too']);
    expect(fm.lastTimings?.modelCalls).toBe(1);
    expect(fm.lastCalls[0]?.inputs).toBeDefined();
    expect(fm.tokenizer.maskTokenId).toBe(103);
    await fm.dispose();
    await expect(fm('the [MASK] .')).rejects.toMatchObject({ code: 'MODEL_DISPOSED' });
    const tok = await AutoTokenizer.fromPretrained(new FileSource(files));
    expect(tok.encode('the movie').inputIds).toEqual([101, 1996, 3185, 102]);
  });

  it('an unknown task is refused with a clear error', async () => {
    await expect(
      pipeline('summarization' as never, new FileSource([{ path: 'config.json', file: new Blob(['{}']) }])),
    ).rejects.toMatchObject({
      code: 'UNKNOWN_TASK',
    });
  });
});
