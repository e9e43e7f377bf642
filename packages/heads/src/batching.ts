// Splitting many inputs into model calls. ConvBERT's convolution branch does not look at the
// attention mask, so a padded sequence's outputs differ from the same sequence run alone; grouping
// inputs of exactly equal length avoids padding altogether.
import { HeadsError } from './errors.js';
import type { IntTensor } from './tensor.js';
import type { EncodingLike } from './tokenizer.js';

/**
 * `bucketed` (default): batches hold sequences of one exact length, so nothing is padded and every
 * result equals running that input alone. `padded`: consecutive inputs, padded to the longest in
 * the batch, as the reference's pipelines batch (faster with mixed lengths, results change).
 */
export type BatchingMode = 'bucketed' | 'padded';

export function checkBatchSize(batchSize: number): void {
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new HeadsError('INVALID_OPTION', `batchSize must be an integer ≥ 1, got ${batchSize}`);
  }
}

/** Consecutive chunks of at most `batchSize` items. */
export function chunk<T>(items: readonly T[], batchSize: number): T[][] {
  checkBatchSize(batchSize);
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += batchSize) out.push(items.slice(i, i + batchSize));
  return out;
}

/**
 * Groups of input indices, one model call each. `padded`: consecutive chunks. `bucketed`: indices
 * grouped by exact length (groups in order of first appearance, indices ascending inside), each
 * group chunked by `batchSize`.
 */
export function planBatches(lengths: readonly number[], batchSize: number, mode: BatchingMode = 'bucketed'): number[][] {
  checkBatchSize(batchSize);
  const indices = lengths.map((_, i) => i);
  if (mode === 'padded') return chunk(indices, batchSize);
  if (mode !== 'bucketed') throw new HeadsError('INVALID_OPTION', `batching must be "bucketed" or "padded", got ${JSON.stringify(mode)}`);
  const buckets = new Map<number, number[]>();
  for (const i of indices) {
    const bucket = buckets.get(lengths[i]);
    if (bucket) bucket.push(i);
    else buckets.set(lengths[i], [i]);
  }
  return [...buckets.values()].flatMap((b) => chunk(b, batchSize));
}

/** Model inputs of one call: `[batch, seq]` int64 tensors. */
export interface BatchInputs {
  inputIds: IntTensor;
  attentionMask: IntTensor;
  tokenTypeIds: IntTensor;
}

/**
 * Right-pads encodings to the longest (pad id, attention 0, token type 0, as the reference's
 * tokenizer pads) and stacks them.
 */
export function collate(
  encodings: readonly Pick<EncodingLike, 'inputIds' | 'attentionMask' | 'tokenTypeIds'>[],
  padTokenId: number,
): BatchInputs {
  const batch = encodings.length;
  const seq = Math.max(...encodings.map((e) => e.inputIds.length));
  const ids = new BigInt64Array(batch * seq).fill(BigInt(padTokenId));
  const mask = new BigInt64Array(batch * seq);
  const types = new BigInt64Array(batch * seq);
  encodings.forEach((e, b) => {
    for (let t = 0; t < e.inputIds.length; t++) {
      ids[b * seq + t] = BigInt(e.inputIds[t]);
      mask[b * seq + t] = BigInt(e.attentionMask[t]);
      types[b * seq + t] = BigInt(e.tokenTypeIds[t]);
    }
  });
  const dims = [batch, seq];
  return { inputIds: { data: ids, dims }, attentionMask: { data: mask, dims: [...dims] }, tokenTypeIds: { data: types, dims: [...dims] } };
}

/**
 * Runs `run` on each planned batch and puts the per-input results back in input order.
 * `run` gets the indices of its batch and returns one result per index.
 */
export async function runBatched<R>(
  lengths: readonly number[],
  batchSize: number,
  mode: BatchingMode,
  run: (indices: number[]) => Promise<R[]>,
): Promise<R[]> {
  const results = new Array<R>(lengths.length);
  for (const group of planBatches(lengths, batchSize, mode)) {
    const out = await run(group);
    group.forEach((inputIndex, k) => {
      results[inputIndex] = out[k];
    });
  }
  return results;
}

/**
 * `runBatched` over encodings: each planned group arrives collated (padded with `padTokenId`),
 * with the input indices of its rows. The one batching loop of the single-sequence pipelines.
 */
export function runCollated<R>(
  encodings: readonly Pick<EncodingLike, 'inputIds' | 'attentionMask' | 'tokenTypeIds'>[],
  options: { batchSize?: number; batching?: BatchingMode },
  padTokenId: number,
  run: (batch: BatchInputs, indices: number[]) => Promise<R[]>,
): Promise<R[]> {
  return runBatched(
    encodings.map((e) => e.inputIds.length),
    options.batchSize ?? 1,
    options.batching ?? 'bucketed',
    (group) =>
      run(
        collate(
          group.map((i) => encodings[i] as (typeof encodings)[number]),
          padTokenId,
        ),
        group,
      ),
  );
}
