import { isSupportedActivation, SUPPORTED_ACTIVATIONS } from './activations.js';
import { ConvBertConfigError } from './errors.js';

const POSITIVE_INTEGERS = [
  'vocab_size',
  'hidden_size',
  'embedding_size',
  'num_hidden_layers',
  'num_attention_heads',
  'intermediate_size',
  'max_position_embeddings',
  'type_vocab_size',
  'head_ratio',
  'conv_kernel_size',
  'num_groups',
] as const;

const PROBABILITIES = ['hidden_dropout_prob', 'attention_probs_dropout_prob'] as const;
const TOKEN_IDS = ['pad_token_id', 'bos_token_id', 'eos_token_id', 'sep_token_id'] as const;
const BOOLEANS = [
  'tie_word_embeddings',
  'is_encoder_decoder',
  'is_decoder',
  'add_cross_attention',
  'output_hidden_states',
  'output_attentions',
  'return_dict',
] as const;
const PROBLEM_TYPES = ['regression', 'single_label_classification', 'multi_label_classification'];

function describe(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'string' ? `"${v}"` : String(v);
}

/** Field-level checks on a merged (defaults + file) record; cross-field sizes are checked in `deriveSizes`. */
export function validateFields(c: Record<string, unknown>): void {
  for (const f of POSITIVE_INTEGERS) {
    const v = c[f];
    if (typeof v !== 'number' || !Number.isInteger(v)) {
      throw new ConvBertConfigError('CONFIG_INVALID_TYPE', `must be an integer, got ${describe(v)}`, f);
    }
    if (v <= 0) throw new ConvBertConfigError('CONFIG_INVALID_SIZE', `must be positive, got ${v}`, f);
  }
  for (const f of PROBABILITIES) {
    const v = c[f];
    if (typeof v !== 'number' || !(v >= 0 && v <= 1)) {
      throw new ConvBertConfigError('CONFIG_INVALID_TYPE', `must be a number in [0, 1], got ${describe(v)}`, f);
    }
  }
  const cd = c.classifier_dropout;
  if (cd !== null && (typeof cd !== 'number' || !(cd >= 0 && cd <= 1))) {
    throw new ConvBertConfigError('CONFIG_INVALID_TYPE', `must be null or a number in [0, 1], got ${describe(cd)}`, 'classifier_dropout');
  }
  const eps = c.layer_norm_eps;
  if (typeof eps !== 'number' || !(eps > 0) || !Number.isFinite(eps)) {
    throw new ConvBertConfigError('CONFIG_INVALID_TYPE', `must be a positive number, got ${describe(eps)}`, 'layer_norm_eps');
  }
  const ir = c.initializer_range;
  if (typeof ir !== 'number' || !(ir >= 0) || !Number.isFinite(ir)) {
    throw new ConvBertConfigError('CONFIG_INVALID_TYPE', `must be a non-negative number, got ${describe(ir)}`, 'initializer_range');
  }
  for (const f of TOKEN_IDS) {
    const v = c[f];
    if (v !== null && (typeof v !== 'number' || !Number.isInteger(v) || v < 0)) {
      throw new ConvBertConfigError('CONFIG_INVALID_TYPE', `must be null or a non-negative integer, got ${describe(v)}`, f);
    }
  }
  for (const f of BOOLEANS) {
    if (typeof c[f] !== 'boolean') {
      throw new ConvBertConfigError('CONFIG_INVALID_TYPE', `must be true or false, got ${describe(c[f])}`, f);
    }
  }
  if (!isSupportedActivation(c.hidden_act)) {
    throw new ConvBertConfigError(
      'CONFIG_UNKNOWN_ACTIVATION',
      `${describe(c.hidden_act)} is not supported; use one of ${SUPPORTED_ACTIVATIONS.join(', ')}`,
      'hidden_act',
    );
  }
  if (c.problem_type !== null && !PROBLEM_TYPES.includes(c.problem_type as string)) {
    throw new ConvBertConfigError(
      'CONFIG_INVALID_TYPE',
      `must be null or one of ${PROBLEM_TYPES.join(', ')}, got ${describe(c.problem_type)}`,
      'problem_type',
    );
  }
  const arch = c.architectures;
  if (arch !== null && (!Array.isArray(arch) || arch.some((a) => typeof a !== 'string'))) {
    throw new ConvBertConfigError('CONFIG_INVALID_TYPE', 'must be null or a list of class names', 'architectures');
  }
  for (const f of ['torch_dtype', 'finetuning_task', 'tokenizer_class', 'transformers_version']) {
    if (c[f] !== null && typeof c[f] !== 'string') {
      throw new ConvBertConfigError('CONFIG_INVALID_TYPE', `must be null or a string, got ${describe(c[f])}`, f);
    }
  }
}
