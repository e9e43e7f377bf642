export { BaseTokenizer, type DecodeOptions, type TextInput, type TokenIds } from './base-tokenizer.js';
export { rustWordPieceDecode as wordPieceDecode } from './decoder/decoders.js';
export type { Encoding } from './encoding.js';
export { TokenizerError, type TokenizerErrorCode } from './errors.js';
export { ConvBertTokenizerFast } from './fast-tokenizer.js';
export { codePointIndexMap, toCodePointOffsets } from './offsets.js';
export {
  type EncodeOptions,
  type PaddingOption,
  type TokenizerOptions,
  type TruncationOption,
  tokenizerOptionsFromConfig,
} from './options.js';
export { ConvBertTokenizer } from './slow-tokenizer.js';
export { wordPieceTokenizerJson } from './tokenizer-json.js';
export type { Side, TruncationStrategy } from './truncation/python-truncation.js';
