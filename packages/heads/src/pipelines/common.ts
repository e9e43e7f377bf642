import { checkOptions, snakeCase, suggestName } from '@convbert/core';
import type { BatchingMode } from '../batching.js';
import { HeadsError } from '../errors.js';
import type { EncodingLike, TokenizerLike } from '../tokenizer.js';

/**
 * What a pipeline does when an input is longer than the model takes and has to be cut: `warn`
 * (once per pipeline, on `console.warn`), `error`, `silent`, or a function given each message.
 */
export type TruncationPolicy = 'warn' | 'error' | 'silent' | ((message: string) => void);

// The heads run in any JavaScript runtime; no DOM or Node typings here.
const consoleWarn = (message: string) => (globalThis as { console?: { warn(m: string): void } }).console?.warn(message);

/** Options every pipeline takes. */
export interface BatchOptions {
  /** Inputs per model call (default 1: each input alone, as the reference's pipelines run by default). */
  batchSize?: number;
  /** How inputs are grouped into calls; see `BatchingMode` (default `bucketed`: exact, no padding). */
  batching?: BatchingMode;
  /**
   * Inputs longer than the model's length are cut to it (as the reference does): `warn` (default)
   * says so once per pipeline on `console.warn`, `error` refuses such inputs, `silent` cuts quietly,
   * a function receives every such message.
   */
  onTruncation?: TruncationPolicy;
}

const COMMON_KEYS = ['batchSize', 'batching', 'onTruncation'] as const;

/**
 * A pipeline's option bags, checked with core's `checkOptions`: the task's camelCase keys plus the
 * reference's snake_case spelling of each (`top_k`, `aggregation_strategy`, `max_seq_len` …);
 * anything else is refused with `UNKNOWN_OPTION` naming the nearest valid key.
 */
export class PipelineOptions<T extends BatchOptions> {
  private readonly spec: { known: readonly string[] };
  readonly defaults: T;
  private warned = false;

  constructor(
    private readonly task: string,
    known: readonly string[],
    defaults: unknown,
  ) {
    this.spec = { known: [...COMMON_KEYS, ...known] };
    this.defaults = checkOptions<T>(defaults, this.spec, `${task} options`);
    checkTruncationPolicy(this.defaults.onTruncation);
  }

  /** The pipeline's defaults overridden by one call's options. */
  forCall(options: unknown): T {
    const call = checkOptions<T>(options, this.spec, `${this.task} call options`);
    checkTruncationPolicy(call.onTruncation);
    return { ...this.defaults, ...call };
  }

  /** Reports an input cut to the model's length, as `onTruncation` says. */
  truncated(opts: BatchOptions, message: string): void {
    const policy = opts.onTruncation ?? 'warn';
    if (typeof policy === 'function') {
      policy(`${this.task}: ${message}`);
      return;
    }
    if (policy === 'error') throw new HeadsError('INPUT_TOO_LONG', `${message}; shorten it (or set onTruncation: 'warn' to cut it)`);
    if (policy === 'warn' && !this.warned) {
      this.warned = true;
      consoleWarn(`${this.task}: ${message} (said once per pipeline; onTruncation: 'error' refuses such inputs, 'silent' hides this)`);
    }
  }
}

function checkTruncationPolicy(policy: unknown): void {
  if (policy !== undefined && typeof policy !== 'function' && policy !== 'warn' && policy !== 'error' && policy !== 'silent') {
    throw new HeadsError('INVALID_OPTION', `onTruncation must be "warn", "error", "silent" or a function, got ${JSON.stringify(policy)}`);
  }
}

/**
 * Checks an input object's fields (`{ text, text_pair }`, `{ question, context }`): known camelCase
 * names or their snake_case spelling, each a string (`fields` lists the optional ones with `?`).
 * Returns the fields by their camelCase name.
 */
export function inputFields(item: object, fields: readonly string[], where: string): Record<string, string | undefined> {
  const names = fields.map((f) => f.replace(/\?$/, ''));
  const bySpelling = new Map<string, string>();
  for (const n of names) {
    bySpelling.set(n, n);
    bySpelling.set(snakeCase(n), n);
  }
  const out: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(item)) {
    const name = bySpelling.get(key);
    if (name === undefined) {
      const near = suggestName(key, [...bySpelling.keys()]);
      throw new HeadsError(
        'INVALID_INPUT',
        `${where} has an unknown field "${key}" (${near === undefined ? `it takes ${names.join(', ')}` : `did you mean "${near}"?`})`,
      );
    }
    if (value === undefined) continue;
    if (typeof value !== 'string') {
      throw new HeadsError('INVALID_INPUT', `${where} ${key} must be a string, got ${value === null ? 'null' : typeof value}`);
    }
    out[name] = value;
  }
  fields.forEach((f, i) => {
    if (!f.endsWith('?') && out[names[i]] === undefined) throw new HeadsError('INVALID_INPUT', `${where} has no ${names[i]}`);
  });
  return out;
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

/**
 * Encodes without cutting when the input fits; a longer one is cut to the model's limit (it cannot
 * run at all otherwise) after `onCut(fullLength, full)` has been told.
 */
export function encodeForModel(
  tokenizer: TokenizerLike,
  text: string,
  textPair: string | null,
  maxLength: number,
  onCut?: (fullLength: number, full: EncodingLike) => void,
): EncodingLike {
  const full = tokenizer.encode(text, textPair);
  if (!Number.isFinite(maxLength) || full.inputIds.length <= maxLength) return full;
  onCut?.(full.inputIds.length, full);
  return tokenizer.encode(text, textPair, { truncation: true, maxLength });
}

export function toArray<T>(input: T | readonly T[], isOne: (x: unknown) => x is T): { items: T[]; single: boolean } {
  if (isOne(input)) return { items: [input], single: true };
  if (!Array.isArray(input)) throw new HeadsError('EMPTY_INPUT', 'expected an input or an array of inputs');
  if (input.length === 0) throw new HeadsError('EMPTY_INPUT', 'the array of inputs is empty: pass at least one');
  return { items: [...input] as T[], single: false };
}

export const isString = (x: unknown): x is string => typeof x === 'string';
