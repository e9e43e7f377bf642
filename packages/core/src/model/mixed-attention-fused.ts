import { linears } from '../onnx/ops.js';
import type { EncoderContext } from './context.js';
import { dynamicConvolution, FUSED_CONV } from './dynamic-conv.js';
import { type MixedAttentionOutput, selfOutput } from './mixed-attention.js';
import { selfAttention } from './self-attention.js';

/**
 * `mixedAttention` with the four projections of the input (query, key, value,
 * `conv_out_layer`) as one `[H, 4A]` MatMul (the same arithmetic per output, one large product
 * instead of four small ones) and the convolution in its faster forms (`FUSED_CONV`).
 */
export function mixedAttentionFused(
  ctx: EncoderContext,
  x: string,
  additiveMask: string,
  seqLen: string,
  layerPrefix: string,
): MixedAttentionOutput {
  const { p, config: c } = ctx;
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
  const conv = dynamicConvolution(ctx, x, query, seqLen, self, FUSED_CONV, convOut);
  return selfOutput(ctx, x, attn, conv, layerPrefix);
}
