import type { EncoderContext } from './context.js';

/** `ConvBertLayer` number `index`: mixed attention, then the feed-forward block, built by `ctx.blocks`. */
export function convBertLayer(ctx: EncoderContext, x: string, additiveMask: string, seqLen: string, index: number) {
  const prefix = `${ctx.prefix}encoder.layer.${index}`;
  const attention = ctx.blocks.attention(ctx, x, additiveMask, seqLen, prefix);
  return {
    output: ctx.blocks.feedForward(ctx, attention.output, prefix),
    attentionProbs: attention.attentionProbs,
    convKernels: attention.convKernels,
  };
}
