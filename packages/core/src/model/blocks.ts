import type { EncoderContext } from './context.js';
import { type ConvForms, FUSED_CONV } from './dynamic-conv.js';
import { feedForward } from './feed-forward.js';
import { feedForwardGrouped } from './feed-forward-fused.js';
import { type MixedAttentionOutput, mixedAttention } from './mixed-attention.js';
import { fusedMixedAttention, mixedAttentionFused } from './mixed-attention-fused.js';

/**
 * The two blocks of a `ConvBertLayer`, as graph builders. Passed to the encoder (not chosen by a
 * flag inside it) so that a bundle that only builds the fused graph leaves the reference-shaped
 * blocks out.
 */
export interface EncoderBlocks {
  /** `ConvBertAttention`: mixed attention, dense, residual, LayerNorm. */
  attention(ctx: EncoderContext, x: string, additiveMask: string, seqLen: string, layerPrefix: string): MixedAttentionOutput;
  /** `ConvBertIntermediate` + `ConvBertOutput`. */
  feedForward(ctx: EncoderContext, x: string, layerPrefix: string): string;
}

/** The choices of the fused blocks, measured per runtime (a backend keeps the ones that win on its kernels). */
export interface FusedChoices {
  /** The convolution forms (default `FUSED_CONV`: 2-D depthwise, head-major windows). */
  conv?: ConvForms;
  /** Grouped feed-forward layers group by group as 2-D products (default true) or as the reference's broadcast MatMul. */
  groupByGroup?: boolean;
}

/** Fused blocks with the given choices (`FUSED_BLOCKS` is `fusedBlocks()`): projections sharing an input as one MatMul, plus `choices`. */
export function fusedBlocks(choices: FusedChoices = {}): EncoderBlocks {
  const groupByGroup = choices.groupByGroup ?? true;
  return {
    attention: fusedMixedAttention(choices.conv ?? FUSED_CONV),
    feedForward: (ctx, x, layerPrefix) =>
      (groupByGroup && ctx.config.num_groups > 1 ? feedForwardGrouped : feedForward)(ctx, x, layerPrefix),
  };
}

/** The default: projections sharing an input as one MatMul, grouped layers group by group, the faster convolution forms. */
export const FUSED_BLOCKS: EncoderBlocks = {
  attention: mixedAttentionFused,
  feedForward: (ctx, x, layerPrefix) => (ctx.config.num_groups > 1 ? feedForwardGrouped : feedForward)(ctx, x, layerPrefix),
};

/** Every block as the reference writes it (same outputs): what a torch export of the model looks like. */
export const REFERENCE_BLOCKS: EncoderBlocks = { attention: mixedAttention, feedForward };
