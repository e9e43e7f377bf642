import { ConvBertConfigError } from './errors.js';
import type { ConvBertConfigFields, DerivedSizes } from './types.js';

type SizeFields = Pick<
  ConvBertConfigFields,
  'hidden_size' | 'embedding_size' | 'num_attention_heads' | 'head_ratio' | 'intermediate_size' | 'num_groups' | 'conv_kernel_size'
>;

/**
 * The sizes the reference computes in `ConvBertSelfAttention.__init__`, with its integer
 * rounding, plus the checks that make the model buildable at all. The naive
 * `hidden_size / num_attention_heads` is wrong whenever `head_ratio` does not divide evenly:
 * hidden 40, 7 heads, ratio 3 gives 2 heads of 10, not heads of 40/7.
 */
export function deriveSizes(c: SizeFields): DerivedSizes {
  const byRatio = Math.floor(c.num_attention_heads / c.head_ratio);
  const numHeads = Math.max(1, byRatio);
  if (c.hidden_size % numHeads !== 0) {
    throw new ConvBertConfigError(
      'CONFIG_INCOMPATIBLE_SIZES',
      `must be divisible by the number of heads after head_ratio (num_attention_heads // head_ratio = ${numHeads})`,
      'hidden_size',
    );
  }
  const headSize = Math.floor(c.hidden_size / numHeads / 2);
  const allHeadSize = numHeads * headSize;
  if (headSize < 1 || 2 * allHeadSize !== c.hidden_size) {
    throw new ConvBertConfigError(
      'CONFIG_INCOMPATIBLE_SIZES',
      `the self-attention and convolution halves (${numHeads} heads of ${headSize} each) must add up to hidden_size ${c.hidden_size}; hidden_size / heads must be even`,
      'hidden_size',
    );
  }
  if (c.conv_kernel_size % 2 !== 1) {
    throw new ConvBertConfigError(
      'CONFIG_INCOMPATIBLE_SIZES',
      'must be odd: the reference pads kernel_size // 2 on each side, and an even kernel changes the sequence length',
      'conv_kernel_size',
    );
  }
  if (c.hidden_size % c.num_groups !== 0 || c.intermediate_size % c.num_groups !== 0) {
    throw new ConvBertConfigError(
      'CONFIG_INCOMPATIBLE_SIZES',
      `must divide both hidden_size (${c.hidden_size}) and intermediate_size (${c.intermediate_size})`,
      'num_groups',
    );
  }
  return {
    numHeads,
    headSize,
    allHeadSize,
    usesEmbeddingsProject: c.embedding_size !== c.hidden_size,
    intermediateGroupSize: c.intermediate_size / c.num_groups,
    hiddenGroupSize: c.hidden_size / c.num_groups,
    convPadding: Math.floor(c.conv_kernel_size / 2),
  };
}
