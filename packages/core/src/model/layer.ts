import type { EncoderContext } from './context.js';
import { feedForward } from './feed-forward.js';
import { feedForwardGrouped } from './feed-forward-fused.js';
import { mixedAttention } from './mixed-attention.js';
import { mixedAttentionFused } from './mixed-attention-fused.js';

/**
 * `ConvBertLayer` number `index`: mixed attention, then the feed-forward block — the blocks as
 * written in the reference, or their fused siblings when `ctx.fused`.
 */
export function convBertLayer(ctx: EncoderContext, x: string, additiveMask: string, seqLen: string, index: number) {
  const prefix = `${ctx.prefix}encoder.layer.${index}`;
  const attention = (ctx.fused ? mixedAttentionFused : mixedAttention)(ctx, x, additiveMask, seqLen, prefix);
  const ffn = ctx.fused && ctx.config.num_groups > 1 ? feedForwardGrouped : feedForward;
  return {
    output: ffn(ctx, attention.output, prefix),
    attentionProbs: attention.attentionProbs,
    convKernels: attention.convKernels,
  };
}
