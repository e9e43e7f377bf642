import type { ConvBertConfig } from './config.js';
import { CONVBERT_OWN_FIELDS, PRETRAINED_DEFAULTS } from './defaults.js';
import { defaultId2Label } from './labels.js';

function sameJSON(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function sortKeys(record: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = Object.create(null);
  for (const key of Object.keys(record).sort()) out[key] = record[key];
  return out;
}

/**
 * Mirrors `PretrainedConfig.to_diff_dict`: ConvBERT's own fields always, inherited fields
 * only where they differ from `PretrainedConfig`'s defaults, labels only when not the
 * default two, and every field we do not model exactly as it came.
 */
export function toDiffRecord(config: ConvBertConfig): Record<string, unknown> {
  const out: Record<string, unknown> = { ...config.extra };
  for (const field of CONVBERT_OWN_FIELDS) out[field] = config[field];
  out.model_type = config.model_type;
  for (const [field, dflt] of Object.entries(PRETRAINED_DEFAULTS)) {
    const value = (config as unknown as Record<string, unknown>)[field];
    if (!sameJSON(value, dflt)) out[field] = value;
  }
  // num_labels first: the default maps of a many-label configuration are only made when written
  if (config.num_labels !== 2 || !sameJSON(config.id2label, defaultId2Label(2))) {
    out.id2label = Object.fromEntries(Object.entries(config.id2label).map(([id, label]) => [String(id), label]));
    out.label2id = sortKeys(config.label2id);
  }
  if (config.transformers_version !== null) out.transformers_version = config.transformers_version;
  return sortKeys(out);
}

/** JSON text as `save_pretrained` writes it: sorted keys, two-space indent, trailing newline. */
export function serializeConfig(config: ConvBertConfig): string {
  return `${JSON.stringify(toDiffRecord(config), null, 2)}\n`;
}
