// The engines the encoder bench compares, behind one shape: `run(ids, mask, types, [B, L])`
// returns last_hidden_state as a Float32Array. All run onnxruntime-node 1.30 on the CPU.
import { AutoModel, env, Tensor } from '@huggingface/transformers';
import { ConvBertModel } from '../../dist/index.js';

export async function ours(label, dir, options) {
  const model = await ConvBertModel.fromPretrained(dir, { graphCache: false, ...options });
  return {
    label,
    async run(ids, mask, types, dims) {
      const out = await model.forward({
        inputIds: { data: ids, dims },
        attentionMask: { data: mask, dims },
        tokenTypeIds: { data: types, dims },
      });
      return out.lastHiddenState.data;
    },
    dispose: () => model.dispose(),
  };
}

/** transformers.js on a folder in its layout (`config.json`, `onnx/model.onnx`) under `root`. */
export async function transformersJs(label, root, name, threads) {
  env.allowRemoteModels = false;
  env.localModelPath = root;
  const model = await AutoModel.from_pretrained(name, { dtype: 'fp32', session_options: { intraOpNumThreads: threads } });
  return {
    label,
    async run(ids, mask, types, dims) {
      const out = await model({
        input_ids: new Tensor('int64', ids, dims),
        attention_mask: new Tensor('int64', mask, dims),
        token_type_ids: new Tensor('int64', types, dims),
      });
      return out.last_hidden_state.data;
    },
    dispose: () => model.dispose(),
  };
}

/** Token ids of B sequences of L tokens ([CLS] … [SEP], ordinary word pieces), all real tokens. */
export function batchOf(B, L, seed = 1) {
  const ids = new BigInt64Array(B * L);
  let s = seed;
  for (let b = 0; b < B; b++) {
    for (let l = 0; l < L; l++) {
      s = (s * 1103515245 + 12345) % 2147483648;
      ids[b * L + l] = l === 0 ? 101n : l === L - 1 ? 102n : BigInt(1996 + (s % 20000));
    }
  }
  return { ids, mask: new BigInt64Array(B * L).fill(1n), types: new BigInt64Array(B * L), dims: [B, L] };
}

export function maxAbsDiff(a, b) {
  if (a.length !== b.length) return Number.POSITIVE_INFINITY;
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

/** Mean cosine similarity of the rows (token vectors) of two [N, H] outputs. */
export function meanCosine(a, b, H) {
  let total = 0;
  const rows = a.length / H;
  for (let r = 0; r < rows; r++) {
    let ab = 0;
    let aa = 0;
    let bb = 0;
    for (let i = r * H; i < (r + 1) * H; i++) {
      ab += a[i] * b[i];
      aa += a[i] * a[i];
      bb += b[i] * b[i];
    }
    total += ab / Math.sqrt(aa * bb);
  }
  return total / rows;
}

export const median = (xs) => [...xs].sort((p, q) => p - q)[xs.length >> 1];

/**
 * Times the contenders on one batch, alternating them call by call (the machine is shared:
 * noise hits all alike), after a warm-up call each. Returns median milliseconds and outputs.
 */
export async function alternate(contenders, batch, reps) {
  const outputs = [];
  for (const c of contenders) outputs.push(await c.run(batch.ids, batch.mask, batch.types, batch.dims));
  const times = contenders.map(() => []);
  for (let r = 0; r < reps; r++) {
    for (const [i, c] of contenders.entries()) {
      const t0 = performance.now();
      await c.run(batch.ids, batch.mask, batch.types, batch.dims);
      times[i].push(performance.now() - t0);
    }
  }
  return contenders.map((c, i) => ({ label: c.label, ms: median(times[i]), output: outputs[i] }));
}
