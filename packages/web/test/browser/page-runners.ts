// Functions run inside the page (page.evaluate serialises them: they must be self-contained
// and reach the library through `window.convbert.web`, the playground's own copy).

import type { OnnxJob } from '@convbert/test-fixtures';
import type { Page } from 'playwright-core';

type Outputs = Record<string, { data: number[]; dims: number[] }>;

/** Runs ONNX jobs on one device in the page; masked-lm logits come back as top-5 (full logits are large). */
export function runOnnxJobsInPage(page: Page, device: 'wasm' | 'webgpu', jobs: OnnxJob[]): Promise<Outputs[]> {
  return page.evaluate(
    async ({ device, jobs }) => {
      const { web } = (window as unknown as { convbert: { web: typeof import('../../src/index.js') } }).convbert;
      const backend = new web.WebBackend({ device });
      const sessions = new Map<string, Awaited<ReturnType<typeof backend.createSession>>>();
      const topK = (data: Float32Array, vocab: number, k: number) => {
        const values: number[] = [];
        const ids: number[] = [];
        for (let row = 0; row * vocab < data.length; row++) {
          const best: [number, number][] = [];
          for (let j = 0; j < vocab; j++) {
            const v = data[row * vocab + j] as number;
            if (best.length < k || v > (best[best.length - 1] as [number, number])[0]) {
              best.push([v, j]);
              best.sort((a, b) => b[0] - a[0]);
              if (best.length > k) best.pop();
            }
          }
          for (const [v, j] of best) {
            values.push(v);
            ids.push(j);
          }
        }
        return { values, ids };
      };
      const results: Record<string, { data: number[]; dims: number[] }>[] = [];
      for (const job of jobs) {
        let s = sessions.get(job.onnx);
        if (!s) {
          const bytes = new Uint8Array(await (await fetch(`/__fixtures__/${job.onnx}`)).arrayBuffer());
          s = await backend.createSession(bytes);
          sessions.set(job.onnx, s);
        }
        const feeds: Record<string, { data: BigInt64Array; dims: number[] }> = {};
        for (const [k, v] of Object.entries(job.feeds))
          if (s.inputNames.includes(k)) feeds[k] = { data: BigInt64Array.from(v.data, BigInt), dims: v.dims };
        const out = await s.run(feeds, job.outputs);
        const r: Record<string, { data: number[]; dims: number[] }> = {};
        for (const [name, t] of Object.entries(out)) {
          if (job.head === 'masked-lm' && name === 'logits') {
            const dims = [...t.dims.slice(0, -1), 5];
            const top = topK(t.data as Float32Array, t.dims[t.dims.length - 1] as number, 5);
            r.logits_top5_values = { data: top.values, dims };
            r.logits_top5_ids = { data: top.ids, dims };
          } else r[name] = { data: Array.from(t.data as Float32Array), dims: [...t.dims] };
        }
        results.push(r);
      }
      for (const s of sessions.values()) await s.release();
      return results;
    },
    { device, jobs },
  );
}

/**
 * Builds the encoder graph from a checkpoint folder in the page (`@convbert/core`'s builder through
 * `ConvBertModel.fromPretrained`) and runs it on each case; returns the hidden states.
 */
export function runBuiltEncoderInPage(
  page: Page,
  device: 'wasm' | 'webgpu',
  folder: string,
  cases: { name: string; feeds: Record<string, { data: number[]; dims: number[] }> }[],
): Promise<Record<string, { data: number[]; dims: number[] }>[]> {
  return page.evaluate(
    async ({ device, folder, cases }) => {
      const { web } = (window as unknown as { convbert: { web: typeof import('../../src/index.js') } }).convbert;
      const model = await web.ConvBertModel.fromPretrained(folder, { device, format: 'checkpoint' });
      const out: Record<string, { data: number[]; dims: number[] }>[] = [];
      for (const c of cases) {
        const m = (k: string) => ({ data: BigInt64Array.from(c.feeds[k]!.data, BigInt), dims: c.feeds[k]!.dims });
        const r = await model.forward(
          { inputIds: m('input_ids'), attentionMask: m('attention_mask'), tokenTypeIds: m('token_type_ids') },
          { outputHiddenStates: true },
        );
        const o: Record<string, { data: number[]; dims: number[] }> = {
          last_hidden_state: { data: Array.from(r.lastHiddenState.data), dims: [...r.lastHiddenState.dims] },
        };
        r.hiddenStates?.forEach((t, i) => {
          o[`hidden_states.${i}`] = { data: Array.from(t.data), dims: [...t.dims] };
        });
        out.push(o);
      }
      await model.dispose();
      return out;
    },
    { device, folder, cases },
  );
}

/**
 * Runs Hugging Face pipeline cases (golden/pipelines.json) through `pipeline()` in the page: each
 * checkpoint's model and config with bert-base-uncased's tokenizer.json, as the reference ran them.
 * Returns each result as JSON.
 */
export function runPipelineCasesInPage(
  page: Page,
  device: 'wasm' | 'webgpu',
  cases: { task: string; checkpoint: string; inputs: unknown; kwargs: Record<string, unknown> }[],
): Promise<unknown[]> {
  return page.evaluate(
    async ({ device, cases }) => {
      const { web } = (window as unknown as { convbert: { web: typeof import('../../src/index.js') } }).convbert;
      const bytes = async (url: string) => new Uint8Array(await (await fetch(url)).arrayBuffer());
      const pipes = new Map<string, Awaited<ReturnType<typeof web.pipeline>>>();
      const out: unknown[] = [];
      for (const c of cases) {
        const key = `${c.task} ${c.checkpoint}`;
        let pipe = pipes.get(key);
        if (!pipe) {
          const dir = `/__fixtures__/models/tiny/${c.checkpoint}/`;
          const files: Record<string, Uint8Array> = {};
          for (const f of ['config.json', 'model.safetensors', 'tokenizer_config.json', 'special_tokens_map.json'])
            files[f] = await bytes(dir + f);
          files['tokenizer.json'] = await bytes('/__fixtures__/vocab/bert-base-uncased/tokenizer.json');
          pipe = await web.pipeline(c.task as 'fill-mask', new web.MemorySource(files, c.checkpoint), { device, graphCache: false });
          pipes.set(key, pipe);
        }
        const run = pipe as unknown as (input: unknown, options: unknown) => Promise<unknown>;
        out.push(JSON.parse(JSON.stringify(await run(c.inputs, c.kwargs))));
      }
      for (const p of pipes.values()) await p.dispose();
      return out;
    },
    { device, cases },
  );
}
