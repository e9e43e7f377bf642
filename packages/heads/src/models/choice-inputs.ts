// `[batch, choices, seq]` inputs of ConvBertForMultipleChoice: checked for shape, then validated as
// a flat `[batch·choices, seq]` encoder batch by core.
import { type EncoderFeeds, prepareEncoderFeeds, type Tensor } from '@convbert/core';
import { HeadsError } from '../errors.js';

type Num = number | bigint;

/** Nested `[batch][choice][token]` arrays, or row-major data with dims `[batch, choices, seq]`. */
export type ChoiceMatrix =
  | readonly (readonly (readonly number[])[])[]
  | readonly (readonly (readonly bigint[])[])[]
  | { data: BigInt64Array | Int32Array | readonly number[] | readonly bigint[]; dims: readonly number[] };

/** Multiple-choice inputs: one `[batch][num_choices][seq]` matrix per input name. */
export interface ChoiceInputs {
  inputIds: ChoiceMatrix;
  attentionMask?: ChoiceMatrix;
  tokenTypeIds?: ChoiceMatrix;
}

function flatten(
  x: ChoiceMatrix,
  name: string,
): { data: Num[] | BigInt64Array | Int32Array | readonly Num[]; dims: [number, number, number] } {
  if (Array.isArray(x)) {
    const batch = x as readonly (readonly (readonly Num[])[])[];
    if (batch.length === 0) throw new HeadsError('INPUT_SHAPE', `${name} is empty: give at least one question with its choices`);
    const choices = batch[0]?.length ?? 0;
    const seq = batch[0]?.[0]?.length ?? 0;
    const data: Num[] = [];
    batch.forEach((item, b) => {
      if (!Array.isArray(item) || item.length !== choices) {
        throw new HeadsError(
          'INVALID_CHOICES',
          `${name}[${b}] has ${Array.isArray(item) ? item.length : 'no'} choices but ${name}[0] has ${choices}: every question needs the same number of choices`,
        );
      }
      item.forEach((row, c) => {
        if (!Array.isArray(row) || row.length !== seq) {
          throw new HeadsError(
            'INVALID_CHOICES',
            `${name}[${b}][${c}] has ${Array.isArray(row) ? row.length : 'no'} tokens but ${name}[0][0] has ${seq}: pad all choices to one length`,
          );
        }
        data.push(...row);
      });
    });
    return { data, dims: [batch.length, choices, seq] };
  }
  const t = x as { data: ArrayLike<Num>; dims: readonly number[] };
  if (t === null || typeof t !== 'object' || !Array.isArray(t.dims) || t.dims.length !== 3) {
    throw new HeadsError('INPUT_SHAPE', `${name} must be number[][][] or { data, dims: [batch, choices, seq] }`);
  }
  const [b, c, l] = t.dims as [number, number, number];
  if (t.data.length !== b * c * l) {
    throw new HeadsError('INPUT_SHAPE', `${name} has ${t.data.length} values but dims [${b}, ${c}, ${l}] need ${b * c * l}`);
  }
  if (b === 0 || c === 0) throw new HeadsError('INVALID_CHOICES', `${name} has shape [${b}, ${c}, ${l}]: give at least one choice`);
  return { data: t.data as readonly Num[], dims: [b, c, l] };
}

/** int64 feeds `[B, C, L]` for the multiple-choice graph, checked as core checks encoder inputs. */
export function prepareChoiceFeeds(
  inputs: ChoiceInputs,
  limits: { vocabSize?: number; maxPositions?: number; typeVocabSize?: number },
): { dims: [number, number, number]; feeds: Record<string, Tensor<BigInt64Array>> } {
  if (inputs === null || typeof inputs !== 'object' || inputs.inputIds === undefined) {
    throw new HeadsError('INPUT_SHAPE', 'forward() needs { inputIds } of shape [batch, choices, seq]');
  }
  const ids = flatten(inputs.inputIds, 'inputIds');
  const [b, c, l] = ids.dims;
  const as2d = (m: ReturnType<typeof flatten> | undefined, name: string) => {
    if (m === undefined) return undefined;
    if (m.dims[0] !== b || m.dims[1] !== c || m.dims[2] !== l) {
      throw new HeadsError('INPUT_SHAPE', `${name} has shape [${m.dims.join(', ')}] but inputIds has [${b}, ${c}, ${l}]`);
    }
    return { data: m.data as readonly number[], dims: [b * c, l] };
  };
  const flat: EncoderFeeds = prepareEncoderFeeds(
    {
      inputIds: { data: ids.data as readonly number[], dims: [b * c, l] },
      attentionMask: as2d(inputs.attentionMask === undefined ? undefined : flatten(inputs.attentionMask, 'attentionMask'), 'attentionMask'),
      tokenTypeIds: as2d(inputs.tokenTypeIds === undefined ? undefined : flatten(inputs.tokenTypeIds, 'tokenTypeIds'), 'tokenTypeIds'),
    },
    limits,
  );
  const dims = [b, c, l];
  return {
    dims: [b, c, l],
    feeds: Object.fromEntries(Object.entries(flat.feeds).map(([k, v]) => [k, { data: v.data, dims }])),
  };
}
