import type { EncoderContext } from './context.js';

/**
 * The self-attention half of `ConvBertSelfAttention`: scaled dot-product attention over
 * `numHeads` heads of `headSize`, plus the additive mask `[B, 1, 1, L]`.
 * Returns the context `[B, L, allHeadSize]` and the probabilities `[B, heads, L, L]`.
 */
export function selfAttention(
  ctx: EncoderContext,
  query: string,
  key: string,
  value: string,
  additiveMask: string,
): { context: string; probs: string } {
  const { g } = ctx;
  const { numHeads: h, headSize: d, allHeadSize: A } = ctx.sizes;
  const split = (x: string) => g.op('Reshape', [x, g.int64([0, 0, h, d])]);
  const q = g.op('Transpose', [split(query)], { perm: [0, 2, 1, 3] });
  const kT = g.op('Transpose', [split(key)], { perm: [0, 2, 3, 1] });
  const v = g.op('Transpose', [split(value)], { perm: [0, 2, 1, 3] });
  const scores = g.op('Div', [g.op('MatMul', [q, kT]), g.float([Math.sqrt(d)])]);
  const probs = g.op('Softmax', [g.op('Add', [scores, additiveMask])], { axis: -1 });
  const merged = g.op('Transpose', [g.op('MatMul', [probs, v])], { perm: [0, 2, 1, 3] });
  return { context: g.op('Reshape', [merged, g.int64([0, 0, A])]), probs };
}
