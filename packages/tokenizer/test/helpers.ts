import { readFileSync } from 'node:fs';
import { fixturePath, readJsonl } from '@convbert/test-fixtures';
import { ConvBertTokenizer, ConvBertTokenizerFast, type EncodeOptions, tokenizerOptionsFromConfig } from '../src/index.js';

export const VOCAB_TEXT = readFileSync(fixturePath('vocab', 'bert-base-uncased', 'vocab.txt'), 'utf8');
export const TOKENIZER_JSON_TEXT = readFileSync(fixturePath('vocab', 'bert-base-uncased', 'tokenizer.json'), 'utf8');
export const TOKENIZER_JSON = JSON.parse(TOKENIZER_JSON_TEXT) as Record<string, unknown>;
export const TOKENIZER_CONFIG = JSON.parse(
  readFileSync(fixturePath('tokenizer', 'tokenizer_files', 'tokenizer_config.json'), 'utf8'),
) as Record<string, unknown>;

export interface FixtureCase {
  id: string;
  tokenizer?: Record<string, unknown> | null;
  call: Record<string, unknown>;
  tokens_text?: string[];
  tokens_text_pair?: string[] | null;
  expected: Record<string, unknown>;
  expected_tokens?: unknown;
  decode?: unknown;
}

export function loadCases(file: string): FixtureCase[] {
  return readJsonl<FixtureCase>('tokenizer', file);
}

const slowCache = new Map<string, ConvBertTokenizer>();
const fastCache = new Map<string, ConvBertTokenizerFast>();

/** The tokenizer_config.json the fixture's tokenizer would have saved (its kwargs over the defaults). */
export function configFor(c: FixtureCase): Record<string, unknown> {
  const { vocab: _v, ...kwargs } = c.tokenizer ?? {};
  return { ...TOKENIZER_CONFIG, ...kwargs };
}

export function slowFor(c: FixtureCase): ConvBertTokenizer {
  const config = configFor(c);
  const key = JSON.stringify(config);
  let t = slowCache.get(key);
  if (!t) {
    t = ConvBertTokenizer.fromVocab(VOCAB_TEXT, tokenizerOptionsFromConfig(config));
    slowCache.set(key, t);
  }
  return t;
}

export function fastFor(c: FixtureCase): ConvBertTokenizerFast {
  const config = configFor(c);
  const key = JSON.stringify(config);
  let t = fastCache.get(key);
  if (!t) {
    t = ConvBertTokenizerFast.fromJSON(TOKENIZER_JSON, config);
    fastCache.set(key, t);
  }
  return t;
}

/** Python keyword arguments of the fixture's call -> our options. */
export function optionsFor(call: Record<string, unknown>): EncodeOptions {
  const o: EncodeOptions = {};
  if (call.add_special_tokens !== undefined) o.addSpecialTokens = call.add_special_tokens as boolean;
  if (call.truncation !== undefined) o.truncation = call.truncation as EncodeOptions['truncation'];
  if (call.max_length !== undefined && call.max_length !== null) o.maxLength = call.max_length as number;
  if (call.stride !== undefined) o.stride = call.stride as number;
  if (call.return_overflowing_tokens !== undefined) o.returnOverflowingTokens = call.return_overflowing_tokens as boolean;
  if (call.padding !== undefined) o.padding = call.padding as EncodeOptions['padding'];
  if (call.pad_to_multiple_of !== undefined && call.pad_to_multiple_of !== null) o.padToMultipleOf = call.pad_to_multiple_of as number;
  return o;
}
