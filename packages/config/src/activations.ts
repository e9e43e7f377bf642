/**
 * Activation names accepted in `hidden_act`: the keys of transformers' `ACT2FN`
 * (v4.36) that have a well-defined elementwise formula. The graph builder in
 * `@convbert/core` implements each of these.
 */
export const SUPPORTED_ACTIVATIONS = [
  'gelu',
  'gelu_10',
  'gelu_new',
  'gelu_fast',
  'gelu_pytorch_tanh',
  'gelu_accurate',
  'gelu_python',
  'quick_gelu',
  'laplace',
  'relu',
  'relu2',
  'relu6',
  'leaky_relu',
  'sigmoid',
  'silu',
  'swish',
  'tanh',
  'mish',
  'linear',
] as const;

/** An activation name `hidden_act` may take (those of `transformers.activations.ACT2FN` that ConvBERT uses). */
export type HiddenAct = (typeof SUPPORTED_ACTIVATIONS)[number];

/** Whether `name` is a `hidden_act` this library can build. */
export function isSupportedActivation(name: unknown): name is HiddenAct {
  return typeof name === 'string' && (SUPPORTED_ACTIVATIONS as readonly string[]).includes(name);
}
