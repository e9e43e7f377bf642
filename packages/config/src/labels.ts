import { ConvBertConfigError } from './errors.js';

/** `{0: 'LABEL_0', ...}` as the reference makes it when only `num_labels` is given. */
export function defaultId2Label(numLabels: number): Record<number, string> {
  const out: Record<number, string> = {};
  for (let i = 0; i < numLabels; i++) out[i] = `LABEL_${i}`;
  return out;
}

export function invertId2Label(id2label: Record<number, string>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [id, label] of Object.entries(id2label)) out[label] = Number(id);
  return out;
}

/** JSON keys are strings; the reference turns them into integers. We also insist they are 0..n-1. */
export function parseId2Label(raw: unknown): Record<number, string> {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ConvBertConfigError('CONFIG_INVALID_LABELS', 'must be an object mapping class ids to label names', 'id2label');
  }
  const out: Record<number, string> = {};
  const entries = Object.entries(raw as Record<string, unknown>);
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
    if (!(i in out)) {
      throw new ConvBertConfigError('CONFIG_INVALID_LABELS', `ids must be 0..${entries.length - 1}; ${i} is missing`, 'id2label');
    }
  }
  return out;
}

export function parseLabel2Id(raw: unknown): Record<string, number> {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ConvBertConfigError('CONFIG_INVALID_LABELS', 'must be an object mapping label names to class ids', 'label2id');
  }
  const out: Record<string, number> = {};
  for (const [label, id] of Object.entries(raw as Record<string, unknown>)) {
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
    if (label2id[label] !== Number(id)) {
      throw new ConvBertConfigError('CONFIG_INVALID_LABELS', `"${label}" should map to ${id} as in id2label`, 'label2id');
    }
  }
}
