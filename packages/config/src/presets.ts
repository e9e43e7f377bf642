import { ConvBertConfig, type ConvBertConfigInit } from './config.js';
import { ConvBertConfigError } from './errors.js';

const COMMON = {
  vocab_size: 30522,
  head_ratio: 2,
  conv_kernel_size: 9,
  max_position_embeddings: 512,
  type_vocab_size: 2,
  hidden_act: 'gelu',
  // The released checkpoints use the BERT vocabulary, where [PAD] is 0.
  pad_token_id: 0,
} as const;

/** Shapes of the checkpoints YituTech released on the Hugging Face hub. */
export const CONVBERT_PRESETS = {
  'YituTech/conv-bert-base': {
    ...COMMON,
    hidden_size: 768,
    embedding_size: 768,
    num_hidden_layers: 12,
    num_attention_heads: 12,
    intermediate_size: 3072,
    num_groups: 1,
  },
  'YituTech/conv-bert-medium-small': {
    ...COMMON,
    hidden_size: 384,
    embedding_size: 128,
    num_hidden_layers: 12,
    num_attention_heads: 8,
    intermediate_size: 1536,
    num_groups: 2,
  },
  'YituTech/conv-bert-small': {
    ...COMMON,
    hidden_size: 256,
    embedding_size: 128,
    num_hidden_layers: 12,
    num_attention_heads: 4,
    intermediate_size: 1024,
    num_groups: 1,
  },
} as const satisfies Record<string, ConvBertConfigInit>;

export type ConvBertPresetName = keyof typeof CONVBERT_PRESETS;

/** The configuration of a released checkpoint, with optional overrides (e.g. `num_labels`). */
export function presetConfig(name: ConvBertPresetName, overrides: ConvBertConfigInit = {}): ConvBertConfig {
  const presets = CONVBERT_PRESETS as Record<string, ConvBertConfigInit>;
  const preset = Object.hasOwn(presets, name) ? presets[name] : undefined;
  if (!preset) {
    throw new ConvBertConfigError(
      'CONFIG_UNKNOWN_PRESET',
      `unknown preset "${String(name)}"; known: ${Object.keys(CONVBERT_PRESETS).join(', ')}`,
    );
  }
  return new ConvBertConfig({ ...preset, ...overrides });
}
