// TokenClassificationPipeline's gather_pre_entities / aggregate / group_entities (transformers 4.36),
// for a WordPiece tokenizer that reports offsets (the reference's fast-tokenizer path).

import { ConvBertTokenizerFast, wordPieceDecode } from '@convbert/tokenizer';
import { HeadsError } from '../errors.js';
import { argmax, softmax } from '../tensor.js';
import { codePointLength, type EncodingLike, type TokenizerLike } from '../tokenizer.js';

/** How token predictions are grouped into entities (Hugging Face's `aggregation_strategy`). */
export type AggregationStrategy = 'none' | 'simple' | 'first' | 'average' | 'max';
/** Every `AggregationStrategy`. */
export const AGGREGATION_STRATEGIES: readonly AggregationStrategy[] = ['none', 'simple', 'first', 'average', 'max'];

/**
 * One token (`aggregationStrategy: 'none'`: `entity` and `index`) or one group of tokens
 * (`entity_group`): the reference's (and the Inference API's) field names.
 */
export interface TokenClassificationEntity {
  entity?: string;
  entity_group?: string;
  score: number;
  /** Token position in the encoded sequence (only without aggregation). */
  index?: number;
  word: string;
  /** Character offsets into the input text. */
  start: number;
  end: number;
}

interface PreEntity {
  word: string;
  scores: number[];
  start: number;
  end: number;
  index: number;
  isSubword: boolean;
}

interface WordEntity {
  entity: string;
  score: number;
  word: string;
  start: number;
  end: number;
  index?: number;
}

export interface TokenClassificationPostprocessArgs {
  text: string;
  encoding: Pick<EncodingLike, 'inputIds' | 'offsets' | 'specialTokensMask'>;
  /** `[seq, numLabels]` logits of this sequence (row-major). */
  logits: ArrayLike<number>;
  id2label: Record<number, string>;
  tokenizer: Pick<TokenizerLike, 'convertIdsToTokens' | 'unkTokenId'>;
  aggregationStrategy: AggregationStrategy;
  /** Entities whose (group) label is listed are dropped; default `['O']`. */
  ignoreLabels?: readonly string[];
}

function gatherPreEntities(args: TokenClassificationPostprocessArgs, numLabels: number): PreEntity[] {
  const { text, encoding, logits, tokenizer } = args;
  const out: PreEntity[] = [];
  for (let idx = 0; idx < encoding.inputIds.length; idx++) {
    if (encoding.specialTokensMask[idx]) continue;
    const id = encoding.inputIds[idx];
    let word = tokenizer.convertIdsToTokens([id])[0];
    const [start, end] = encoding.offsets[idx];
    const wordRef = text.slice(start, end);
    // A WordPiece tokenizer is "word aware": a continuation piece ("##soft") is longer than the
    // text it covers ("soft"). Python compares code-point lengths.
    let isSubword = codePointLength(word) !== codePointLength(wordRef);
    if (tokenizer.unkTokenId !== undefined && id === tokenizer.unkTokenId) {
      word = wordRef;
      isSubword = false;
    }
    out.push({ word, scores: softmax(logits, idx * numLabels, numLabels), start, end, index: idx, isSubword });
  }
  return out;
}

/**
 * The reference's `word` of a group is the fast tokenizer's decoder output over its tokens (the
 * reference needs a fast tokenizer to aggregate): WordPiece with clean-up, `effect ,` → `effect,`.
 * A fast tokenizer uses its tokenizer.json decoder; any other gets the same WordPiece decoder, so
 * both tokenizer classes give the reference's words.
 */
function entityWord(tokenizer: unknown, tokens: string[]): string {
  return tokenizer instanceof ConvBertTokenizerFast ? tokenizer.convertTokensToString(tokens) : wordPieceDecode(tokens, '##', true);
}

function labelOf(id2label: Record<number, string>, i: number): string {
  return id2label[i] ?? `LABEL_${i}`;
}

function aggregateWord(group: PreEntity[], args: TokenClassificationPostprocessArgs): WordEntity {
  const word = entityWord(
    args.tokenizer,
    group.map((e) => e.word),
  );
  let scores: number[];
  if (args.aggregationStrategy === 'first') {
    scores = group[0].scores;
  } else if (args.aggregationStrategy === 'max') {
    // Python's max() keeps the first of equal maxima.
    let best = group[0];
    for (const e of group) if (Math.max(...e.scores) > Math.max(...best.scores)) best = e;
    scores = best.scores;
  } else {
    scores = group[0].scores.map((_, k) => group.reduce((s, e) => s + e.scores[k], 0) / group.length);
  }
  const idx = argmax(scores);
  return { entity: labelOf(args.id2label, idx), score: scores[idx], word, start: group[0].start, end: group[group.length - 1].end };
}

/** Words are a first token plus its following sub-word tokens; each word gets one label. */
function aggregateWords(pre: PreEntity[], args: TokenClassificationPostprocessArgs): WordEntity[] {
  const words: WordEntity[] = [];
  let group: PreEntity[] = [];
  for (const e of pre) {
    if (group.length > 0 && !e.isSubword) {
      words.push(aggregateWord(group, args));
      group = [];
    }
    group.push(e);
  }
  if (group.length > 0) words.push(aggregateWord(group, args));
  return words;
}

/** "B-PER" → ["B", "PER"]; a label without a B-/I- prefix counts as a continuation ("I"). */
function bioTag(label: string): [string, string] {
  if (label.startsWith('B-')) return ['B', label.slice(2)];
  if (label.startsWith('I-')) return ['I', label.slice(2)];
  return ['I', label];
}

function groupSubEntities(entities: WordEntity[], args: TokenClassificationPostprocessArgs): TokenClassificationEntity {
  // `split("-", 1)[-1]`: the label after the first hyphen, or the whole label.
  const first = entities[0].entity;
  const hyphen = first.indexOf('-');
  const entity_group = hyphen >= 0 ? first.slice(hyphen + 1) : first;
  const score = entities.reduce((s, e) => s + e.score, 0) / entities.length;
  return {
    entity_group,
    score,
    word: entityWord(
      args.tokenizer,
      entities.map((e) => e.word),
    ),
    start: entities[0].start,
    end: entities[entities.length - 1].end,
  };
}

/** Adjacent entities with the same tag join unless the next one starts a new entity with "B-". */
function groupEntities(entities: WordEntity[], args: TokenClassificationPostprocessArgs): TokenClassificationEntity[] {
  const groups: TokenClassificationEntity[] = [];
  let current: WordEntity[] = [];
  for (const e of entities) {
    if (current.length === 0) {
      current.push(e);
      continue;
    }
    const [bi, tag] = bioTag(e.entity);
    const [, lastTag] = bioTag(current[current.length - 1].entity);
    if (tag === lastTag && bi !== 'B') {
      current.push(e);
    } else {
      groups.push(groupSubEntities(current, args));
      current = [e];
    }
  }
  if (current.length > 0) groups.push(groupSubEntities(current, args));
  return groups;
}

/** Token-classification logits to entities, grouped by the aggregation strategy. */
export function tokenClassificationPostprocess(args: TokenClassificationPostprocessArgs): TokenClassificationEntity[] {
  const strategy = args.aggregationStrategy;
  if (!AGGREGATION_STRATEGIES.includes(strategy)) {
    throw new HeadsError(
      'INVALID_OPTION',
      `aggregationStrategy must be one of ${AGGREGATION_STRATEGIES.join(', ')}, got ${JSON.stringify(strategy)}`,
    );
  }
  const numLabels = Object.keys(args.id2label).length;
  if (args.logits.length !== args.encoding.inputIds.length * numLabels) {
    throw new HeadsError(
      'MODEL_OUTPUT',
      `token-classification logits have ${args.logits.length} values; expected ${args.encoding.inputIds.length} tokens × ${numLabels} labels`,
    );
  }
  const ignore = args.ignoreLabels ?? ['O'];
  const pre = gatherPreEntities(args, numLabels);
  let entities: TokenClassificationEntity[];
  if (strategy === 'none' || strategy === 'simple') {
    const tokens: WordEntity[] = pre.map((p) => {
      const idx = argmax(p.scores);
      return { entity: labelOf(args.id2label, idx), score: p.scores[idx], index: p.index, word: p.word, start: p.start, end: p.end };
    });
    entities = strategy === 'none' ? tokens : groupEntities(tokens, args);
  } else {
    entities = groupEntities(aggregateWords(pre, args), args);
  }
  return entities.filter((e) => !ignore.includes((e.entity ?? e.entity_group) as string));
}
