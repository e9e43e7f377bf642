// Label maps. They are records keyed by label names that come from files, so they are made without a
// prototype and read with `Object.hasOwn`: a label named "constructor" or "__proto__" is a label like any
// other, not a property every object has.
import { ConvBertConfigError } from './errors.js';

/**
 * The most labels a configuration may declare. A classification head of this many labels already holds
 * 10^9 weights at ConvBERT-base's width; `num_labels` beyond it is a broken or hostile file.
 */
export const MAX_NUM_LABELS = 1 << 20;

function emptyRecord<V>(): Record<string, V> {
  return Object.create(null) as Record<string, V>;
}

/** Refuses a label count above `MAX_NUM_LABELS`, before anything of that size is made. */
export function checkLabelCount(count: number, field: string): void {
  if (count > MAX_NUM_LABELS)
    throw new ConvBertConfigError('CONFIG_INVALID_SIZE', `${count} labels; at most ${MAX_NUM_LABELS} are read`, field);
}

/** `{0: 'LABEL_0', ...}` as the reference makes it when only `num_labels` is given. */
export function defaultId2Label(numLabels: number): Record<number, string> {
  checkLabelCount(numLabels, 'num_labels');
  const out: Record<number, string> = emptyRecord();
  for (let i = 0; i < numLabels; i++) out[i] = `LABEL_${i}`;
  return out;
}

export function invertId2Label(id2label: Record<number, string>): Record<string, number> {
  const out = emptyRecord<number>();
  for (const [id, label] of Object.entries(id2label)) out[label] = Number(id);
  return out;
}

/** JSON keys are strings; the reference turns them into integers. We also insist they are 0..n-1. */
export function parseId2Label(raw: unknown): Record<number, string> {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ConvBertConfigError('CONFIG_INVALID_LABELS', 'must be an object mapping class ids to label names', 'id2label');
  }
  const entries = Object.entries(raw as Record<string, unknown>);
  checkLabelCount(entries.length, 'id2label');
  const out: Record<number, string> = emptyRecord();
  for (const [key, value] of entries) {
    const id = Number(key);
    if (!/^\d+$/.test(key) || !Number.isSafeInteger(id)) {
      throw new ConvBertConfigError('CONFIG_INVALID_LABELS', `key "${key}" is not a non-negative integer`, 'id2label');
    }
    if (typeof value !== 'string') {
      throw new ConvBertConfigError('CONFIG_INVALID_LABELS', `label for id ${key} must be a string`, 'id2label');
    }
    out[id] = value;
  }
  for (let i = 0; i < entries.length; i++) {
    if (!Object.hasOwn(out, i)) {
      throw new ConvBertConfigError('CONFIG_INVALID_LABELS', `ids must be 0..${entries.length - 1}; ${i} is missing`, 'id2label');
    }
  }
  return out;
}

export function parseLabel2Id(raw: unknown): Record<string, number> {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ConvBertConfigError('CONFIG_INVALID_LABELS', 'must be an object mapping label names to class ids', 'label2id');
  }
  const entries = Object.entries(raw as Record<string, unknown>);
  checkLabelCount(entries.length, 'label2id');
  const out = emptyRecord<number>();
  for (const [label, id] of entries) {
    if (typeof id !== 'number' || !Number.isInteger(id) || id < 0) {
      throw new ConvBertConfigError('CONFIG_INVALID_LABELS', `id of "${label}" must be a non-negative integer`, 'label2id');
    }
    out[label] = id;
  }
  return out;
}

/** Both maps must describe the same labels; a mismatch means a hand-edited, broken file. */
export function checkLabelMapsAgree(id2label: Record<number, string>, label2id: Record<string, number>): void {
  const ids = Object.keys(id2label);
  if (Object.keys(label2id).length !== ids.length) {
    throw new ConvBertConfigError(
      'CONFIG_INVALID_LABELS',
      `has ${Object.keys(label2id).length} labels but id2label has ${ids.length}`,
      'label2id',
    );
  }
  for (const id of ids) {
    const label = id2label[Number(id)] as string;
    if (!Object.hasOwn(label2id, label) || label2id[label] !== Number(id)) {
      throw new ConvBertConfigError('CONFIG_INVALID_LABELS', `"${label}" should map to ${id} as in id2label`, 'label2id');
    }
  }
}

/**
 * Gives `target` the reference's default `id2label` / `label2id` for `numLabels` labels, made when first
 * read: a configuration of many labels costs nothing until a pipeline names them, which is after the
 * classifier's weights have been checked against `num_labels`. Assigning either replaces it.
 */
export function defineDefaultLabels(target: object, numLabels: number): void {
  const made: { id2label?: object; label2id?: object } = {};
  const make = {
    id2label: () => defaultId2Label(numLabels),
    label2id: () => invertId2Label((target as { id2label: Record<number, string> }).id2label),
  };
  for (const key of ['id2label', 'label2id'] as const) {
    Object.defineProperty(target, key, {
      enumerable: true,
      configurable: true,
      get: () => (made[key] ??= make[key]()),
      set: (value: unknown) => Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true }),
    });
  }
}
