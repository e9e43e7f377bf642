import type { BatchingMode } from '../batching.js';
import { HeadsError } from '../errors.js';
import type { EncodingLike, TokenizerLike } from '../tokenizer.js';

/** Options every pipeline takes. */
export interface BatchOptions {
  /** Inputs per model call (default 1: each input alone, as the reference's pipelines run by default). */
  batchSize?: number;
  /** How inputs are grouped into calls; see `BatchingMode` (default `bucketed`: exact, no padding). */
  batching?: BatchingMode;
}

export function requireText(value: unknown, what: string): string {
  if (typeof value !== 'string')
    throw new HeadsError('EMPTY_INPUT', `${what} must be a string, got ${value === null ? 'null' : typeof value}`);
  if (value.trim().length === 0) throw new HeadsError('EMPTY_INPUT', `${what} is empty: pass some text`);
  return value;
}

export function checkTopK(topK: number): number {
  if (!Number.isInteger(topK) || topK < 1) throw new HeadsError('INVALID_TOP_K', `topK must be an integer ≥ 1, got ${topK}`);
  return topK;
}

/** Longest sequence the model takes: the smaller of the tokenizer's limit and the position table. */
export function maxModelLength(tokenizer: Pick<TokenizerLike, 'modelMaxLength'>, maxPositions: number): number {
  const t = tokenizer.modelMaxLength;
  return t !== undefined && t > 0 && t < maxPositions ? t : maxPositions;
}

/** Encodes with truncation to the model's limit (longer inputs cannot run at all). */
export function encodeForModel(tokenizer: TokenizerLike, text: string, textPair: string | null, maxLength: number): EncodingLike {
  return Number.isFinite(maxLength) ? tokenizer.encode(text, textPair, { truncation: true, maxLength }) : tokenizer.encode(text, textPair);
}

export function toArray<T>(input: T | readonly T[], isOne: (x: unknown) => x is T): { items: T[]; single: boolean } {
  if (isOne(input)) return { items: [input], single: true };
  if (!Array.isArray(input)) throw new HeadsError('EMPTY_INPUT', 'expected an input or an array of inputs');
  if (input.length === 0) throw new HeadsError('EMPTY_INPUT', 'the array of inputs is empty: pass at least one');
  return { items: [...input] as T[], single: false };
}

export const isString = (x: unknown): x is string => typeof x === 'string';
