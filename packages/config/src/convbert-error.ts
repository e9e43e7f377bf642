/**
 * The base of every error the ConvBERT packages throw (`ConvBertConfigError`, `TokenizerError`,
 * `CoreError`, `HeadsError`, `WebError`, ...): `code` names the failure, the same code for the
 * same failure whichever package meets it (the root README lists them), and `cause` keeps the
 * error that led to it. `err instanceof ConvBertError` tells the library's refusals from bugs.
 */
export class ConvBertError<Code extends string = string> extends Error {
  readonly code: Code;

  constructor(code: Code, message: string, options?: { cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ConvBertError';
    this.code = code;
  }
}
