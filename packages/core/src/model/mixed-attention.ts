import { layerNorm, linear } from '../onnx/ops.js';
import type { EncoderContext } from './context.js';
import { dynamicConvolution, REFERENCE_CONV } from './dynamic-conv.js';
import { selfAttention } from './self-attention.js';

export interface MixedAttentionOutput {
  output: string;
  attentionProbs: string;
  convKernels: string;
}

/**
 * `ConvBertAttention`: self-attention heads and dynamic-convolution heads side by side (each
 * `allHeadSize` wide, concatenated to `hidden_size`, attention first), then `ConvBertSelfOutput`:
 * dense, residual, LayerNorm.
 */
export function mixedAttention(
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
  const query = linear(p, x, `${self}.query`, H, A);
  const key = linear(p, x, `${self}.key`, H, A);
  const value = linear(p, x, `${self}.value`, H, A);
  const attn = selfAttention(ctx, query, key, value, additiveMask);
  const conv = dynamicConvolution(ctx, x, query, seqLen, self, REFERENCE_CONV);
  return selfOutput(ctx, x, attn, conv, layerPrefix);
}

/**
 * `ConvBertSelfOutput` over the two halves, shared by `mixedAttention` and its fused sibling:
 * concatenated (attention first), dense, residual, LayerNorm.
 */
export function selfOutput(
  ctx: EncoderContext,
  x: string,
  attn: { context: string; probs: string },
  conv: { output: string; kernels: string },
  layerPrefix: string,
): MixedAttentionOutput {
  const { g, p, config: c } = ctx;
  const H = c.hidden_size;
  const context = g.op('Concat', [attn.context, conv.output], { axis: -1 });
  const out = `${layerPrefix}.attention.output`;
  const dense = linear(p, context, `${out}.dense`, H, H);
  const output = layerNorm(p, g.op('Add', [dense, x]), `${out}.LayerNorm`, H, c.layer_norm_eps);
  return { output, attentionProbs: attn.probs, convKernels: conv.kernels };
}
