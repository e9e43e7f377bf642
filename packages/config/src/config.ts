import { CONVBERT_DEFAULTS } from './defaults.js';
import { deriveSizes } from './derived.js';
import { ConvBertConfigError } from './errors.js';
import { checkLabelCount, checkLabelMapsAgree, defineDefaultLabels, invertId2Label, parseId2Label, parseLabel2Id } from './labels.js';
import { toDiffRecord } from './serialize.js';
import type { ConvBertConfigFields, DerivedSizes } from './types.js';
import { validateFields } from './validate.js';

/** What `new ConvBertConfig(...)` accepts: any subset of the fields, plus fields we do not model. */
export type ConvBertConfigInit = Partial<Omit<ConvBertConfigFields, 'id2label' | 'label2id'>> & {
  id2label?: Record<number | string, string>;
  label2id?: Record<string, number>;
  [field: string]: unknown;
};

const KNOWN_FIELDS = new Set(Object.keys(CONVBERT_DEFAULTS));

// The class carries the fields of the interface it merges with (assigned in the constructor).
export interface ConvBertConfig extends ConvBertConfigFields {}

/**
 * A validated ConvBERT configuration with `transformers.ConvBertConfig`'s defaults.
 * Fields keep their `config.json` names; fields this library does not model are kept
 * in `extra` and written back by `serializeConfig`.
 */
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: see the interface above
export class ConvBertConfig {
  /** Fields of the source file that this library does not model, kept for a faithful round trip. */
  readonly extra: Record<string, unknown>;

  constructor(init: ConvBertConfigInit = {}) {
    if (init === null || typeof init !== 'object' || Array.isArray(init)) {
      throw new ConvBertConfigError('CONFIG_NOT_OBJECT', 'a ConvBERT configuration must be a JSON object');
    }
    const merged: Record<string, unknown> = { ...CONVBERT_DEFAULTS };
    // no prototype: a field named "__proto__" in config.json is kept like any other unknown field
    const extra: Record<string, unknown> = Object.create(null);
    for (const [key, value] of Object.entries(init)) {
      if (value === undefined || key === 'id2label' || key === 'label2id' || key === 'num_labels') continue;
      if (KNOWN_FIELDS.has(key)) merged[key] = value;
      else extra[key] = value;
    }
    if (merged.model_type !== 'convbert') {
      throw new ConvBertConfigError(
        'CONFIG_WRONG_MODEL_TYPE',
        `is ${JSON.stringify(merged.model_type)}, expected "convbert": this is not a ConvBERT checkpoint`,
        'model_type',
      );
    }
    const labels = resolveLabels(init);
    merged.num_labels = labels.num_labels;
    delete merged.id2label;
    delete merged.label2id;
    validateFields(merged);
    deriveSizes(merged as unknown as ConvBertConfigFields);
    Object.assign(this, merged);
    if (labels.id2label === undefined) defineDefaultLabels(this, labels.num_labels);
    else Object.assign(this, { id2label: labels.id2label, label2id: labels.label2id });
    this.extra = extra;
  }

  /** Head counts and widths as the reference computes them (recomputed, so edits to fields are seen). */
  get derived(): DerivedSizes {
    return deriveSizes(this);
  }

  /** The record the reference's `save_pretrained` would write (see `serializeConfig`). */
  toJSON(): Record<string, unknown> {
    return toDiffRecord(this);
  }
}

/** The label count and maps; no maps when only `num_labels` (or nothing) is given: the defaults are made on demand. */
function resolveLabels(init: ConvBertConfigInit): {
  num_labels: number;
  id2label?: Record<number, string>;
  label2id?: Record<string, number>;
} {
  const numLabels = init.num_labels;
  if (numLabels !== undefined && numLabels !== null && (!Number.isInteger(numLabels) || (numLabels as number) < 1)) {
    throw new ConvBertConfigError('CONFIG_INVALID_SIZE', `must be a positive integer, got ${String(numLabels)}`, 'num_labels');
  }
  if (numLabels != null) checkLabelCount(numLabels, 'num_labels');
  let id2label: Record<number, string>;
  if (init.id2label !== undefined && init.id2label !== null) {
    id2label = parseId2Label(init.id2label);
  } else if (init.label2id !== undefined && init.label2id !== null) {
    id2label = parseId2Label(Object.fromEntries(Object.entries(parseLabel2Id(init.label2id)).map(([l, i]) => [String(i), l])));
  } else {
    return { num_labels: numLabels ?? 2 };
  }
  const count = Object.keys(id2label).length;
  if (numLabels !== undefined && numLabels !== null && numLabels !== count) {
    throw new ConvBertConfigError('CONFIG_INVALID_LABELS', `has ${count} labels but num_labels is ${numLabels}`, 'id2label');
  }
  const label2id = init.label2id != null ? parseLabel2Id(init.label2id) : invertId2Label(id2label);
  checkLabelMapsAgree(id2label, label2id);
  return { num_labels: count, id2label, label2id };
}
