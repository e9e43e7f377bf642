import { layerNorm, linear, linears } from '../onnx/ops.js';
import type { EncoderContext } from './context.js';
import { dynamicConvolution } from './dynamic-conv.js';
import type { MixedAttentionOutput } from './mixed-attention.js';
import { selfAttention } from './self-attention.js';

/**
 * `mixedAttention` with the four projections of the input (query, key, value,
 * `conv_out_layer`) as one `[H, 4A]` MatMul: the same arithmetic per output, one large product
 * instead of four small ones.
 */
export function mixedAttentionFused(
  ctx: EncoderContext,
  x: string,
  additiveMask: string,
  seqLen: string,
  layerPrefix: string,
): MixedAttentionOutput {
  const { g, p, config: c } = ctx;
  const H = c.hidden_size;
  const A = ctx.sizes.allHeadSize;
  const self = `${layerPrefix}.attention.self`;
  const [query, key, value, convOut] = linears(
    p,
    x,
    ['query', 'key', 'value', 'conv_out_layer'].map((n) => `${self}.${n}`),
    H,
    [A, A, A, A],
  ) as [string, string, string, string];
  const attn = selfAttention(ctx, query, key, value, additiveMask);
  const conv = dynamicConvolution(ctx, x, query, seqLen, self, convOut);
  const context = g.op('Concat', [attn.context, conv.output], { axis: -1 });
  const out = `${layerPrefix}.attention.output`;
  const dense = linear(p, context, `${out}.dense`, H, H);
  const output = layerNorm(p, g.op('Add', [dense, x]), `${out}.LayerNorm`, H, c.layer_norm_eps);
  return { output, attentionProbs: attn.probs, convKernels: conv.kernels };
}
