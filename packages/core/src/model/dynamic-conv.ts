import { linear } from '../onnx/ops.js';
import type { EncoderContext } from './context.js';

/**
 * `SeparableConv1D` over the sequence: depthwise convolution (kernel k, zero padding k//2, one
 * filter per hidden channel, no bias), then the pointwise `[A, H, 1]` convolution — written as a
 * MatMul so it shares the precision handling of linear layers — plus bias `[A, 1]`.
 */
export function separableConv1d(ctx: EncoderContext, x: string, prefix: string): string {
  const { g, p, config: c } = ctx;
  const H = c.hidden_size;
  const k = c.conv_kernel_size;
  const A = ctx.sizes.allHeadSize;
  const depthwiseW = p.tensor(`${prefix}.depthwise.weight`, [H, 1, k], 0);
  const channelsFirst = g.op('Transpose', [x], { perm: [0, 2, 1] });
  const depthwise = g.op('Conv', [channelsFirst, depthwiseW], {
    group: H,
    kernel_shape: [k],
    pads: [ctx.sizes.convPadding, ctx.sizes.convPadding],
  });
  const seqLast = g.op('Transpose', [depthwise], { perm: [0, 2, 1] });
  const pointwise = p.linearProduct(seqLast, `${prefix}.pointwise.weight`, A, H, [A, H, 1]);
  return g.op('Add', [pointwise, p.vector(`${prefix}.bias`, [A, 1], [A])]);
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
  convOut: string = linear(ctx.p, x, `${prefix}.conv_out_layer`, ctx.config.hidden_size, ctx.sizes.allHeadSize),
): { output: string; kernels: string } {
  const { g, p, config: c } = ctx;
  const k = c.conv_kernel_size;
  const { numHeads: h, headSize: d, allHeadSize: A, convPadding: pad } = ctx.sizes;

  const keyConv = separableConv1d(ctx, x, `${prefix}.key_conv_attn_layer`);
  const convAttn = g.op('Mul', [keyConv, query]);
  const logits = g.op('Reshape', [linear(p, convAttn, `${prefix}.conv_kernel_layer`, A, h * k), g.int64([0, 0, h, k])]);
  const kernels = g.op('Softmax', [logits], { axis: -1 });

  const padded = g.op('Pad', [convOut, g.int64([0, pad, 0, 0, pad, 0])]);
  // window index [L, k]: position l reads padded positions l .. l+k-1 (= l-pad .. l+pad unpadded)
  const positions = g.op('Unsqueeze', [g.op('Range', [g.int64([0], []), seqLen, g.int64([1], [])]), g.int64([1])]);
  const tapIndex = g.op('Unsqueeze', [g.int64(Array.from({ length: k }, (_, i) => i)), g.int64([0])]);
  const windowIndex = g.op('Add', [positions, tapIndex]);
  const windows = g.op('Gather', [padded, windowIndex], { axis: 1 }); // [B, L, k, A]
  const perHead = g.op('Reshape', [windows, g.int64([0, 0, k, h, d])]); // [B, L, k, h, d]
  const taps = g.op('Unsqueeze', [g.op('Transpose', [kernels], { perm: [0, 1, 3, 2] }), g.int64([4])]); // [B, L, k, h, 1]
  const output = g.op('Reshape', [g.op('ReduceSum', [g.op('Mul', [perHead, taps]), g.int64([2])], { keepdims: 0 }), g.int64([0, 0, A])]);
  return { output, kernels };
}
