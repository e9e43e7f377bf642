/** Output names of the built graphs (the encoder's; the heads add theirs). */
export const OUTPUT_NAMES = {
  lastHiddenState: 'last_hidden_state',
  hiddenState: (i: number) => `hidden_states.${i}`,
  attention: (i: number) => `attentions.${i}`,
  convKernel: (i: number) => `conv_kernels.${i}`,
} as const;
