import type { HiddenAct } from './activations.js';

/** `config.problem_type`: which loss a sequence-classification head computes from labels. */
export type ProblemType = 'regression' | 'single_label_classification' | 'multi_label_classification';

/**
 * The fields of a Hugging Face ConvBERT `config.json`, named as the file names them
 * so that users find what they know from Python (`config.hidden_size`).
 */
export interface ConvBertConfigFields {
  model_type: 'convbert';
  vocab_size: number;
  hidden_size: number;
  embedding_size: number;
  num_hidden_layers: number;
  num_attention_heads: number;
  intermediate_size: number;
  hidden_act: HiddenAct;
  hidden_dropout_prob: number;
  attention_probs_dropout_prob: number;
  max_position_embeddings: number;
  type_vocab_size: number;
  initializer_range: number;
  layer_norm_eps: number;
  pad_token_id: number | null;
  bos_token_id: number | null;
  eos_token_id: number | null;
  sep_token_id: number | null;
  head_ratio: number;
  conv_kernel_size: number;
  num_groups: number;
  classifier_dropout: number | null;
  num_labels: number;
  /** Label names by class index (JSON keys are strings; here they are numbers). */
  id2label: Record<number, string>;
  label2id: Record<string, number>;
  problem_type: ProblemType | null;
  architectures: string[] | null;
  tie_word_embeddings: boolean;
  torch_dtype: string | null;
  is_encoder_decoder: boolean;
  is_decoder: boolean;
  add_cross_attention: boolean;
  output_hidden_states: boolean;
  output_attentions: boolean;
  return_dict: boolean;
  finetuning_task: string | null;
  tokenizer_class: string | null;
  transformers_version: string | null;
}

/** Sizes computed from the configuration with the reference's integer rounding. */
export interface DerivedSizes {
  /** Self-attention heads, equal to the dynamic-convolution heads: `num_attention_heads // head_ratio`, at least 1. */
  numHeads: number;
  /** Width of one head: `(hidden_size // numHeads) // 2`. */
  headSize: number;
  /** Width of each half (self-attention, convolution): `numHeads * headSize`. */
  allHeadSize: number;
  /** Whether `embeddings_project` (embedding_size -> hidden_size) exists. */
  usesEmbeddingsProject: boolean;
  /** Width of each group of the grouped feed-forward layers. */
  intermediateGroupSize: number;
  hiddenGroupSize: number;
  /** `conv_kernel_size // 2`: zero padding on each side of the convolution windows. */
  convPadding: number;
}
