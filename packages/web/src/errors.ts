import { ConvBertError } from '@convbert/config';

/** Error codes of `@convbert/web`; hub download problems are `HubError`s from `@convbert/core`. */
export type WebErrorCode =
  | 'INVALID_ARGUMENT'
  | 'INVALID_OPTION'
  | 'INVALID_INPUT'
  | 'BACKEND_UNAVAILABLE'
  | 'BACKEND_OUTPUT_MISSING'
  | 'ORT_ALREADY_INITIALIZED'
  | 'SESSION_FAILED'
  | 'MODEL_FILES_MISSING'
  | 'MODEL_DISPOSED'
  | 'HTTP_ERROR'
  | 'NETWORK_ERROR'
  | 'WORKER_FAILED'
  | 'WORKER_TERMINATED';

/** The error class of `@convbert/web`: `code` for programs, a message that says what to do for people. */
export class WebError extends ConvBertError<WebErrorCode> {
  constructor(code: WebErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.name = 'WebError';
  }
}
