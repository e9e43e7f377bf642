/** Error codes of `@convbert/web`; hub download problems are `HubError`s from `@convbert/core`. */
export type WebErrorCode =
  | 'INVALID_ARGUMENT'
  | 'WEBGPU_UNAVAILABLE'
  | 'ORT_ALREADY_INITIALIZED'
  | 'SESSION_FAILED'
  | 'FILE_NOT_FOUND'
  | 'HTTP_ERROR'
  | 'NETWORK_ERROR'
  | 'WORKER_FAILED'
  | 'WORKER_TERMINATED';

/** The error class of `@convbert/web`: `code` for programs, a message that says what to do for people. */
export class WebError extends Error {
  readonly code: WebErrorCode;
  constructor(code: WebErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'WebError';
    this.code = code;
  }
}
