import { ConvBertError } from '@convbert/config';

/**
 * The one error class of this package. `code` is stable and machine-readable; the message says what was
 * wrong and what to do about it.
 */
export type TokenizerErrorCode =
  | 'INVALID_INPUT'
  | 'INVALID_UTF16'
  | 'INVALID_OPTION'
  | 'INVALID_VOCAB'
  | 'MISSING_SPECIAL_TOKEN'
  | 'INVALID_TOKENIZER_JSON'
  | 'UNSUPPORTED_TOKENIZER_JSON'
  | 'MAX_LENGTH_TOO_SMALL'
  | 'SEQUENCE_TOO_SHORT'
  | 'STRIDE_TOO_LARGE'
  | 'OVERFLOW_NOT_SUPPORTED'
  | 'INVALID_IDS';

/** The error of every tokenizer failure (bad files, calls it cannot serve), with its `code`. */
export class TokenizerError extends ConvBertError<TokenizerErrorCode> {
  constructor(code: TokenizerErrorCode, message: string) {
    super(code, message);
    this.name = 'TokenizerError';
  }
}
