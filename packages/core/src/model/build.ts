import type { ConvBertConfig } from '@convbert/config';
import { GraphBuilder } from '../onnx/builder.js';
import type { DType } from '../onnx/dtype.js';
import type { StateDict } from '../weights/state-dict.js';
import type { EncoderBlocks } from './blocks.js';
import { addConvBertEncoder, BATCH_DIM, SEQUENCE_DIM } from './encoder.js';
import { OUTPUT_NAMES } from './output-names.js';

/** How `buildConvBertEncoder` builds: weight precision, the blocks, the opset, where weights are stored. */
export interface BuildEncoderOptions {
  dtype?: DType;
  /** The layer's blocks (default `FUSED_BLOCKS`; see `EncoderOptions.blocks`). */
  blocks?: EncoderBlocks;
  /** Add `hidden_states.0` … `hidden_states.N` outputs. */
  outputHiddenStates?: boolean;
  /** Add `attentions.0` … outputs `[B, heads, L, L]`. */
  outputAttentions?: boolean;
  /** Add `conv_kernels.0` … outputs `[B, L, heads, k]` (dynamic-convolution softmax weights). */
  outputConvKernels?: boolean;
  opset?: number;
}

/** The `ConvBertModel` graph as ONNX bytes: inputs `input_ids`/`attention_mask`/`token_type_ids`, output `last_hidden_state` (+ requested extras). */
export function buildConvBertEncoder(config: ConvBertConfig, weights: StateDict, options: BuildEncoderOptions = {}): Uint8Array {
  const g = new GraphBuilder({ opset: options.opset, graphName: 'ConvBertModel' });
  const enc = addConvBertEncoder(g, config, weights, { dtype: options.dtype, blocks: options.blocks });
  const H = config.hidden_size;
  const { numHeads } = config.derived;
  g.output(OUTPUT_NAMES.lastHiddenState, enc.lastHiddenState, 'float32', [BATCH_DIM, SEQUENCE_DIM, H]);
  if (options.outputHiddenStates) {
    enc.hiddenStates.forEach((t, i) => {
      g.output(OUTPUT_NAMES.hiddenState(i), t, 'float32', [BATCH_DIM, SEQUENCE_DIM, H]);
    });
  }
  if (options.outputAttentions) {
    enc.attentions.forEach((t, i) => {
      g.output(OUTPUT_NAMES.attention(i), t, 'float32', [BATCH_DIM, numHeads, SEQUENCE_DIM, SEQUENCE_DIM]);
    });
  }
  if (options.outputConvKernels) {
    enc.convKernels.forEach((t, i) => {
      g.output(OUTPUT_NAMES.convKernel(i), t, 'float32', [BATCH_DIM, SEQUENCE_DIM, numHeads, config.conv_kernel_size]);
    });
  }
  return g.toBytes();
}
