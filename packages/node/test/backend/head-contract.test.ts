import { readFileSync } from 'node:fs';
import { parseConfig } from '@convbert/config';
import { readSafetensors } from '@convbert/core';
import { activation, addConvBertEncoder, BATCH_DIM, GraphBuilder, layerNorm, linear, SEQUENCE_DIM } from '@convbert/core/graph';
import { checkpointDir, compareClose, FP32_TOLERANCE, loadManifest, readTensor } from '@convbert/test-fixtures';
import { describe, expect, it } from 'vitest';
import { OnnxruntimeNodeBackend } from '../../src/index.js';

// The contract @convbert/heads builds on: encoder into a builder, head nodes appended with the
// exported helpers, the tied LM weight taken from `enc.wordEmbeddings`. Checked on the
// reference's ConvBertForMaskedLM full logits.
describe('builder contract for heads: ConvBertForMaskedLM from addConvBertEncoder + helpers', () => {
  it.each(['fp32', 'fp16'] as const)('%s: logits of single_masked match the golden logits', async (dtype) => {
    const dir = checkpointDir('tiny', 'masked-lm');
    const config = parseConfig(readFileSync(`${dir}/config.json`, 'utf8'));
    const weights = readSafetensors(new Uint8Array(readFileSync(`${dir}/model.safetensors`)));
    expect(weights.tensors.has('generator_lm_head.weight')).toBe(false);

    const g = new GraphBuilder();
    const enc = addConvBertEncoder(g, config, weights, { dtype });
    const E = config.embedding_size;
    const dense = linear(enc.params, enc.lastHiddenState, 'generator_predictions.dense', config.hidden_size, E);
    const normed = layerNorm(enc.params, activation(g, dense, 'gelu'), 'generator_predictions.LayerNorm', E, config.layer_norm_eps);
    const tied = g.op('Transpose', [enc.wordEmbeddings], { perm: [1, 0] });
    const logits = g.op('Add', [g.op('MatMul', [normed, tied]), enc.params.vector('generator_lm_head.bias', [config.vocab_size])]);
    g.output('logits', logits, 'float32', [BATCH_DIM, SEQUENCE_DIM, config.vocab_size]);

    const session = await new OnnxruntimeNodeBackend().createSession(g.toBytes());
    const m = loadManifest('tiny');
    const c = m.cases.find((x) => x.name === 'single_masked');
    const r = m.results.find((x) => x.head === 'masked-lm' && x.case === 'single_masked' && x.kind !== 'loss');
    if (!c || !r?.outputs.logits) throw new Error('fixture missing');
    const feed = (k: 'input_ids' | 'attention_mask' | 'token_type_ids') => {
      const t = readTensor('tiny', c.inputs[k]);
      return { data: t.data, dims: t.dims };
    };
    const out = await session.run({
      input_ids: feed('input_ids'),
      attention_mask: feed('attention_mask'),
      token_type_ids: feed('token_type_ids'),
    });
    const expected = readTensor('tiny', r.outputs.logits).data as Float32Array;
    const cmp = compareClose(out.logits?.data as Float32Array, expected, dtype === 'fp32' ? FP32_TOLERANCE.atol : 0.05, 1e-4);
    console.log(`masked-lm logits via the builder contract (${dtype}): max abs ${cmp.maxAbs.toExponential(2)}`);
    expect(cmp.ok).toBe(true);
    await session.release();
  });
});
