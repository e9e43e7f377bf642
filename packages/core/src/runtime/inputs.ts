import { CoreError } from '../errors.js';
import type { Tensor } from './backend.js';

/** A `[batch, sequence]` integer matrix as nested arrays or a typed array with dims. */
export type IdMatrix =
  | readonly (readonly number[])[]
  | readonly (readonly bigint[])[]
  | { data: BigInt64Array | Int32Array | Uint32Array | Float64Array | readonly number[] | readonly bigint[]; dims: readonly number[] };

/** Encoder inputs as id matrices, camelCase. */
export interface EncoderInputs {
  inputIds: IdMatrix;
  /** 1 = real token, 0 = padding. Default: all ones. */
  attentionMask?: IdMatrix;
  /** Segment ids. Default: all zeros. */
  tokenTypeIds?: IdMatrix;
}

/** One sequence as a tokenizer returns it (`tokenizer.encode(text)`): 1-D ids, mask and token types. */
export interface EncodingRow {
  inputIds: readonly number[] | readonly bigint[];
  attentionMask?: readonly number[] | readonly bigint[];
  tokenTypeIds?: readonly number[] | readonly bigint[];
}

/** The reference's keyword names (`model(input_ids=..., attention_mask=..., token_type_ids=...)`). */
export interface ReferenceEncoderInputs {
  input_ids: IdMatrix | EncodingRow['inputIds'];
  attention_mask?: IdMatrix | EncodingRow['inputIds'];
  token_type_ids?: IdMatrix | EncodingRow['inputIds'];
}

/**
 * What `forward` takes: `{ inputIds, attentionMask?, tokenTypeIds? }` matrices, the same under the
 * reference's names, the tokenizer's output for one text (an `Encoding`), or an array of encodings
 * of equal length (`tokenizer.encodeBatch(texts, { padding: true })`).
 */
export type ForwardInputs = EncoderInputs | ReferenceEncoderInputs | EncodingRow | readonly EncodingRow[];

const SPELLINGS = [
  ['inputIds', 'input_ids'],
  ['attentionMask', 'attention_mask'],
  ['tokenTypeIds', 'token_type_ids'],
] as const;

const isScalarRow = (x: unknown): x is readonly (number | bigint)[] =>
  Array.isArray(x) && (x.length === 0 || typeof x[0] === 'number' || typeof x[0] === 'bigint');

/** The bag under camelCase names (either spelling accepted, not both). */
function renamed(inputs: unknown): Record<string, unknown> {
  const bag = inputs as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [camel, snake] of SPELLINGS) {
    if (bag[camel] !== undefined && bag[snake] !== undefined) {
      throw new CoreError('INVALID_INPUT', `forward() got both ${camel} and ${snake}: give one`);
    }
    const v = bag[camel] ?? bag[snake];
    if (v !== undefined) out[camel] = v;
  }
  return out;
}

/** Any of `ForwardInputs` as `EncoderInputs` (matrices under camelCase names). */
export function normalizeEncoderInputs(inputs: ForwardInputs): EncoderInputs {
  if (Array.isArray(inputs)) {
    if (inputs.length === 0) throw new CoreError('INVALID_INPUT', 'forward() got an empty array: give at least one encoding');
    const rows = (inputs as readonly unknown[]).map((r, i) => {
      const one = r !== null && typeof r === 'object' ? renamed(r) : {};
      if (!isScalarRow(one.inputIds)) {
        throw new CoreError('INVALID_INPUT', `forward() input ${i} is not one encoding: an array must hold one encoding per sequence`);
      }
      return one;
    });
    // Encodings of unequal length come out as a ragged matrix, which prepareEncoderFeeds refuses.
    const stack = (k: string) => (rows.every((r) => r[k] !== undefined) ? (rows.map((r) => r[k]) as unknown as IdMatrix) : undefined);
    return { inputIds: stack('inputIds') as IdMatrix, attentionMask: stack('attentionMask'), tokenTypeIds: stack('tokenTypeIds') };
  }
  if (inputs === null || typeof inputs !== 'object') return inputs as EncoderInputs;
  const out = renamed(inputs);
  // One sequence (1-D, as a tokenizer's encoding holds it) is a batch of one.
  for (const [k, v] of Object.entries(out)) if (isScalarRow(v)) out[k] = [v];
  return out as unknown as EncoderInputs;
}

/** Bounds the configuration puts on inputs (any may be unknown for a bare ONNX file). */
export interface InputLimits {
  vocabSize?: number;
  maxPositions?: number;
  typeVocabSize?: number;
}

/** Inputs checked and turned into int64 feeds, with their batch and sequence sizes. */
export interface EncoderFeeds {
  batch: number;
  sequence: number;
  feeds: { input_ids: Tensor<BigInt64Array>; attention_mask: Tensor<BigInt64Array>; token_type_ids: Tensor<BigInt64Array> };
}

function toMatrix(x: IdMatrix, name: string): { data: BigInt64Array; dims: [number, number] } {
  if (Array.isArray(x)) {
    const rows = x as readonly (readonly (number | bigint)[])[];
    const batch = rows.length;
    if (batch === 0) throw new CoreError('INVALID_INPUT', `${name} is empty: give at least one sequence`);
    const seq = Array.isArray(rows[0]) ? (rows[0] as readonly unknown[]).length : -1;
    const data = new BigInt64Array(batch * Math.max(seq, 0));
    rows.forEach((row, b) => {
      if (!Array.isArray(row)) throw new CoreError('INVALID_INPUT', `${name}[${b}] is not an array: give number[][] or bigint[][]`);
      if (row.length !== seq) {
        throw new CoreError(
          'INPUT_RAGGED',
          `${name} is ragged: row 0 has ${seq} ids, row ${b} has ${row.length}. Pad the batch (and mask the padding) or run the sequences separately`,
        );
      }
      row.forEach((v, i) => {
        data[b * seq + i] = toBigInt(v, `${name}[${b}][${i}]`);
      });
    });
    return { data, dims: [batch, seq] };
  }
  const t = x as { data: ArrayLike<number | bigint>; dims: readonly number[] };
  if (t === null || typeof t !== 'object' || t.data === undefined || !Array.isArray(t.dims)) {
    throw new CoreError('INVALID_INPUT', `${name} must be number[][], bigint[][] or { data, dims }`);
  }
  if (t.dims.length !== 2 || !t.dims.every((d) => Number.isSafeInteger(d) && d >= 0)) {
    throw new CoreError('INPUT_SHAPE_MISMATCH', `${name} dims [${t.dims.join(', ')}] must be [batch, sequence]`);
  }
  const [batch, seq] = t.dims as [number, number];
  if (t.data.length !== batch * seq) {
    throw new CoreError('INPUT_SHAPE_MISMATCH', `${name} has ${t.data.length} values but dims [${batch}, ${seq}] need ${batch * seq}`);
  }
  if (t.data instanceof BigInt64Array) return { data: t.data, dims: [batch, seq] };
  const data = new BigInt64Array(t.data.length);
  for (let i = 0; i < data.length; i++) data[i] = toBigInt(t.data[i] as number | bigint, `${name}[${i}]`);
  return { data, dims: [batch, seq] };
}

function toBigInt(v: number | bigint, where: string): bigint {
  if (typeof v === 'bigint') return v;
  if (typeof v !== 'number' || !Number.isSafeInteger(v)) throw new CoreError('INVALID_INPUT', `${where} is ${String(v)}, not an integer`);
  return BigInt(v);
}

function checkRange(data: BigInt64Array, name: string, limit: number | undefined, what: string): void {
  for (let i = 0; i < data.length; i++) {
    const v = data[i] as bigint;
    if (v < 0n || (limit !== undefined && v >= BigInt(limit))) {
      throw new CoreError('INPUT_OUT_OF_RANGE', `${name} value ${v} at flat index ${i} is outside [0, ${limit ?? '∞'}): ${what}`);
    }
  }
}

/**
 * Checks and converts encoder inputs to int64 feeds before any backend runs: shapes agree,
 * no ragged rows, ids below the vocabulary size, token types below `type_vocab_size`,
 * sequences no longer than `max_position_embeddings`. Missing mask / token types default as
 * in the reference (all ones / all zeros).
 */
export function prepareEncoderFeeds(given: ForwardInputs, limits: InputLimits = {}): EncoderFeeds {
  const inputs = normalizeEncoderInputs(given);
  if (inputs === null || typeof inputs !== 'object' || inputs.inputIds === undefined) {
    throw new CoreError(
      'INVALID_INPUT',
      "forward() needs { inputIds } (plus optional attentionMask, tokenTypeIds), the same as input_ids / attention_mask / token_type_ids, or the tokenizer's encodings",
    );
  }
  const ids = toMatrix(inputs.inputIds, 'inputIds');
  const [batch, sequence] = ids.dims;
  if (batch === 0 || sequence === 0)
    throw new CoreError('INVALID_INPUT', `inputIds has shape [${batch}, ${sequence}]: give at least one token`);
  if (limits.maxPositions !== undefined && sequence > limits.maxPositions) {
    throw new CoreError(
      'INPUT_TOO_LONG',
      `sequences of ${sequence} tokens exceed max_position_embeddings (${limits.maxPositions}): truncate them`,
    );
  }
  checkRange(ids.data, 'inputIds', limits.vocabSize, 'ids must be below vocab_size; is the tokenizer from the same model?');
  const other = (x: IdMatrix | undefined, name: string, fill: bigint) => {
    if (x === undefined) return new BigInt64Array(batch * sequence).fill(fill);
    const m = toMatrix(x, name);
    if (m.dims[0] !== batch || m.dims[1] !== sequence) {
      throw new CoreError('INPUT_SHAPE_MISMATCH', `${name} has shape [${m.dims.join(', ')}] but inputIds has [${batch}, ${sequence}]`);
    }
    return m.data;
  };
  const mask = other(inputs.attentionMask, 'attentionMask', 1n);
  checkRange(mask, 'attentionMask', 2, 'the mask holds 0 (padding) or 1 (token)');
  const types = other(inputs.tokenTypeIds, 'tokenTypeIds', 0n);
  checkRange(types, 'tokenTypeIds', limits.typeVocabSize, 'token types must be below type_vocab_size');
  const dims = [batch, sequence];
  return {
    batch,
    sequence,
    feeds: { input_ids: { data: ids.data, dims }, attention_mask: { data: mask, dims }, token_type_ids: { data: types, dims } },
  };
}
