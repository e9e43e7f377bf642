import type { ConvBertConfigFields } from './types.js';

/**
 * The defaults of `transformers.ConvBertConfig` (v4.36) and of the `PretrainedConfig`
 * fields it inherits. Note `pad_token_id` 1: the reference inherits ELECTRA's value
 * although `[PAD]` is id 0 in the BERT vocabulary; checkpoints usually set 0 explicitly.
 */
export const CONVBERT_DEFAULTS: Readonly<ConvBertConfigFields> = Object.freeze({
  model_type: 'convbert',
  vocab_size: 30522,
  hidden_size: 768,
  embedding_size: 768,
  num_hidden_layers: 12,
  num_attention_heads: 12,
  intermediate_size: 3072,
  hidden_act: 'gelu',
  hidden_dropout_prob: 0.1,
  attention_probs_dropout_prob: 0.1,
  max_position_embeddings: 512,
  type_vocab_size: 2,
  initializer_range: 0.02,
  layer_norm_eps: 1e-12,
  pad_token_id: 1,
  bos_token_id: 0,
  eos_token_id: 2,
  sep_token_id: null,
  head_ratio: 2,
  conv_kernel_size: 9,
  num_groups: 1,
  classifier_dropout: null,
  num_labels: 2,
  id2label: { 0: 'LABEL_0', 1: 'LABEL_1' },
  label2id: { LABEL_0: 0, LABEL_1: 1 },
  problem_type: null,
  architectures: null,
  tie_word_embeddings: true,
  torch_dtype: null,
  is_encoder_decoder: false,
  is_decoder: false,
  add_cross_attention: false,
  output_hidden_states: false,
  output_attentions: false,
  return_dict: true,
  finetuning_task: null,
  tokenizer_class: null,
  transformers_version: null,
});

/** Fields that `ConvBertConfig.__init__` declares itself: the reference always writes them. */
export const CONVBERT_OWN_FIELDS = [
  'vocab_size',
  'hidden_size',
  'num_hidden_layers',
  'num_attention_heads',
  'intermediate_size',
  'hidden_act',
  'hidden_dropout_prob',
  'attention_probs_dropout_prob',
  'max_position_embeddings',
  'type_vocab_size',
  'initializer_range',
  'layer_norm_eps',
  'embedding_size',
  'head_ratio',
  'conv_kernel_size',
  'num_groups',
  'classifier_dropout',
] as const satisfies readonly (keyof ConvBertConfigFields)[];

/**
 * `PretrainedConfig` defaults for the inherited fields. The reference writes an
 * inherited field only when it differs from these (`to_diff_dict`), so a round trip
 * through our serializer gives the file the reference would write.
 */
export const PRETRAINED_DEFAULTS: Readonly<Record<string, unknown>> = Object.freeze({
  pad_token_id: null,
  bos_token_id: null,
  eos_token_id: null,
  sep_token_id: null,
  problem_type: null,
  architectures: null,
  tie_word_embeddings: true,
  torch_dtype: null,
  is_encoder_decoder: false,
  is_decoder: false,
  add_cross_attention: false,
  output_hidden_states: false,
  output_attentions: false,
  return_dict: true,
  finetuning_task: null,
  tokenizer_class: null,
});
