import type { EncoderContext } from './context.js';
import { feedForward } from './feed-forward.js';
import { mixedAttention } from './mixed-attention.js';

/** `ConvBertLayer` number `index`: mixed attention, then the feed-forward block. */
export function convBertLayer(ctx: EncoderContext, x: string, additiveMask: string, seqLen: string, index: number) {
  const prefix = `${ctx.prefix}encoder.layer.${index}`;
  const attention = mixedAttention(ctx, x, additiveMask, seqLen, prefix);
  return {
    output: feedForward(ctx, attention.output, prefix),
    attentionProbs: attention.attentionProbs,
    convKernels: attention.convKernels,
  };
}
