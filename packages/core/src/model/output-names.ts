/** Output names of the built graphs (the encoder's; the heads add theirs). */
export const OUTPUT_NAMES = {
  lastHiddenState: 'last_hidden_state',
  /** `hidden_states.i`: layer i's output (0: the embeddings). */
  hiddenState: (i: number) => `hidden_states.${i}`,
  /** `attentions.i`: layer i's self-attention probabilities. */
  attention: (i: number) => `attentions.${i}`,
  /** `conv_kernels.i`: layer i's dynamic-convolution kernels (softmax weights). */
  convKernel: (i: number) => `conv_kernels.${i}`,
} as const;
