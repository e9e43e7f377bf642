import { linears } from '../onnx/ops.js';
import type { EncoderBlocks } from './blocks.js';
import { type ConvForms, dynamicConvolution, FUSED_CONV } from './dynamic-conv.js';
import { type MixedAttentionOutput, selfOutput } from './mixed-attention.js';
import { selfAttention } from './self-attention.js';

/**
 * `mixedAttention` with the four projections of the input (query, key, value,
 * `conv_out_layer`) as one `[H, 4A]` MatMul (the same arithmetic per output, one large product
 * instead of four small ones) and the convolution in the forms given (default `FUSED_CONV`).
 */
export function fusedMixedAttention(forms: ConvForms = FUSED_CONV): EncoderBlocks['attention'] {
  return (ctx, x, additiveMask, seqLen, layerPrefix): MixedAttentionOutput => {
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
    const conv = dynamicConvolution(ctx, x, query, seqLen, self, forms, convOut);
    return selfOutput(ctx, x, attn, conv, layerPrefix);
  };
}

/** The fused attention block with the convolution forms fastest on ONNX Runtime's CPU provider. */
export const mixedAttentionFused = fusedMixedAttention(FUSED_CONV);
