import { linear } from '../onnx/ops.js';
import type { EncoderContext } from './context.js';

/**
 * `SeparableConv1D` over the sequence: depthwise convolution (kernel k, zero padding k//2, one
 * filter per hidden channel, no bias), then the pointwise `[A, H, 1]` convolution — written as a
 * MatMul so it shares the precision handling of linear layers — plus bias `[A, 1]`.
 */
export function separableConv1d(ctx: EncoderContext, x: string, prefix: string, forms: ConvForms): string {
  const { g, p, config: c } = ctx;
  const H = c.hidden_size;
  const A = ctx.sizes.allHeadSize;
  const seqLast = forms.depthwise(ctx, x, prefix);
  const pointwise = p.linearProduct(seqLast, `${prefix}.pointwise.weight`, A, H, [A, H, 1]);
  return g.op('Add', [pointwise, p.vector(`${prefix}.bias`, [A, 1], [A])]);
}

/**
 * The two steps of the convolution half whose fastest graph differs from the reference's
 * layout: the depthwise convolution (`[B, L, H]` in and out) and the weighted sum of each
 * position's window. Passed in (not chosen by a flag) so that a bundle with the fused encoder
 * only does not carry the reference-shaped forms.
 */
export interface ConvForms {
  /** The depthwise convolution of `x` (`[B, L, H]` in and out) with the weights under `prefix`. */
  depthwise(ctx: EncoderContext, x: string, prefix: string): string;
  /** Each position's window of `padded`, weighted by its `kernels` (the span-based dynamic convolution). */
  windows(ctx: EncoderContext, padded: string, kernels: string, seqLen: string): string;
}

/** The depthwise convolution as the reference runs it: `Conv1d` over `[B, H, L]`. */
export function depthwise1d(ctx: EncoderContext, x: string, prefix: string): string {
  const { g, p, config: c } = ctx;
  const H = c.hidden_size;
  const k = c.conv_kernel_size;
  const pad = ctx.sizes.convPadding;
  const weight = p.tensor(`${prefix}.depthwise.weight`, [H, 1, k], 0);
  const channelsFirst = g.op('Transpose', [x], { perm: [0, 2, 1] });
  const depthwise = g.op('Conv', [channelsFirst, weight], { group: H, kernel_shape: [k], pads: [pad, pad] });
  return g.op('Transpose', [depthwise], { perm: [0, 2, 1] });
}

/**
 * The same depthwise convolution as a 2-D one over `[B, H, 1, L]` with a `[1, k]` kernel: same
 * taps, same sums. ONNX Runtime's CPU provider runs 2-D convolutions in its blocked channel
 * layout (NCHWc, with the transposes folded into the layout change), 2–3× faster than its 1-D
 * depthwise path, which makes one small product per channel. The kernel (H·k floats) stays
 * float32 at every dtype: ONNX Runtime takes that path only for a constant weight, and a
 * quantised one would be a `DequantizeLinear` run on every call.
 */
export function depthwise2d(ctx: EncoderContext, x: string, prefix: string): string {
  const { g, p, config: c } = ctx;
  const H = c.hidden_size;
  const k = c.conv_kernel_size;
  const pad = ctx.sizes.convPadding;
  const weight = p.vector(`${prefix}.depthwise.weight`, [H, 1, k], [H, 1, 1, k]);
  const image = g.op('Transpose', [g.op('Unsqueeze', [x, g.int64([1])])], { perm: [0, 3, 1, 2] }); // [B, H, 1, L]
  const depthwise = g.op('Conv', [image, weight], { group: H, kernel_shape: [1, k], pads: [0, pad, 0, pad] });
  return g.op('Squeeze', [g.op('Transpose', [depthwise], { perm: [0, 2, 3, 1] }), g.int64([1])]); // [B, L, H]
}

/**
 * The span-based dynamic convolution half of `ConvBertSelfAttention`. From the query and the
 * key convolution it predicts, per position and head, a softmax-normalised kernel of k taps,
 * and applies it to the k-wide zero-padded window (the reference's `unfold`) of
 * `conv_out_layer(x)` around that position. Pad tokens are ordinary positions here, as in
 * the reference: the attention mask is not applied.
 * Returns the output `[B, L, A]` and the kernels `[B, L, heads, k]`. `convOut` is
 * `conv_out_layer(x)` when the caller computed it already (a fused projection).
 */
export function dynamicConvolution(
  ctx: EncoderContext,
  x: string,
  query: string,
  seqLen: string,
  prefix: string,
  forms: ConvForms,
  convOut: string = linear(ctx.p, x, `${prefix}.conv_out_layer`, ctx.config.hidden_size, ctx.sizes.allHeadSize),
): { output: string; kernels: string } {
  const { g, p, config: c } = ctx;
  const k = c.conv_kernel_size;
  const { numHeads: h, allHeadSize: A, convPadding: pad } = ctx.sizes;

  const keyConv = separableConv1d(ctx, x, `${prefix}.key_conv_attn_layer`, forms);
  const convAttn = g.op('Mul', [keyConv, query]);
  const logits = g.op('Reshape', [linear(p, convAttn, `${prefix}.conv_kernel_layer`, A, h * k), g.int64([0, 0, h, k])]);
  const kernels = g.op('Softmax', [logits], { axis: -1 });

  const padded = g.op('Pad', [convOut, g.int64([0, pad, 0, 0, pad, 0])]);
  const output = forms.windows(ctx, padded, kernels, seqLen);
  return { output, kernels };
}

export type Windows = ConvForms['windows'];

/**
 * The reference's way: `unfold` gathers `[B, L, k, A]` windows, each tap is weighted per head
 * (`[B, L, k, heads, 1]`, the kernels transposed) and the taps are summed.
 */
export const unfoldedWindows: Windows = (ctx, padded, kernels, seqLen) => {
  const { g } = ctx;
  const k = ctx.config.conv_kernel_size;
  const { numHeads: h, headSize: d, allHeadSize: A } = ctx.sizes;
  // window index [L, k]: position l reads padded positions l .. l+k-1 (= l-pad .. l+pad unpadded)
  const positions = g.op('Unsqueeze', [g.op('Range', [g.int64([0], []), seqLen, g.int64([1], [])]), g.int64([1])]);
  const tapIndex = g.op('Unsqueeze', [g.int64(Array.from({ length: k }, (_, i) => i)), g.int64([0])]);
  const windows = g.op('Gather', [padded, g.op('Add', [positions, tapIndex])], { axis: 1 }); // [B, L, k, A]
  const perHead = g.op('Reshape', [windows, g.int64([0, 0, k, h, d])]); // [B, L, k, h, d]
  const taps = g.op('Unsqueeze', [g.op('Transpose', [kernels], { perm: [0, 1, 3, 2] }), g.int64([4])]); // [B, L, k, h, 1]
  return g.op('Reshape', [g.op('ReduceSum', [g.op('Mul', [perHead, taps]), g.int64([2])], { keepdims: 0 }), g.int64([0, 0, A])]);
};

/**
 * The same sums with the windows gathered head-major: the padded input read as rows of
 * (position, head), `[B, (L + 2·pad)·heads, d]`, row `(l + j)·heads + head` for tap j, gives
 * `[B, L, heads, k, d]`, and each position's kernels `[B, L, heads, 1, k]` multiply their window
 * in one batched MatMul. No transpose of the kernels, no k-wide product to reduce afterwards:
 * 15–25% faster than `unfoldedWindows` on ONNX Runtime's CPU provider, same sums.
 */
export const headMajorWindows: Windows = (ctx, padded, kernels, seqLen) => {
  const { g } = ctx;
  const k = ctx.config.conv_kernel_size;
  const { numHeads: h, headSize: d, allHeadSize: A } = ctx.sizes;
  const rows = g.op('Reshape', [padded, g.int64([0, -1, d])]);
  const positions = g.op('Reshape', [g.op('Range', [g.int64([0], []), seqLen, g.int64([1], [])]), g.int64([-1, 1, 1])]);
  const offsets = Array.from({ length: h * k }, (_, i) => (i % k) * h + Math.floor(i / k)); // [head, tap] -> tap·h + head
  const index = g.op('Add', [g.op('Mul', [positions, g.int64([h], [])]), g.int64(offsets, [1, h, k])]); // [L, h, k]
  const windows = g.op('Gather', [rows, index], { axis: 1 }); // [B, L, h, k, d]
  const weighted = g.op('MatMul', [g.op('Unsqueeze', [kernels, g.int64([3])]), windows]); // [B, L, h, 1, d]
  return g.op('Reshape', [weighted, g.int64([0, 0, A])]);
};

/** The convolution steps as the reference writes them. */
export const REFERENCE_CONV: ConvForms = { depthwise: depthwise1d, windows: unfoldedWindows };
/** The faster forms of the same sums (see `depthwise2d`, `headMajorWindows`). */
export const FUSED_CONV: ConvForms = { depthwise: depthwise2d, windows: headMajorWindows };
