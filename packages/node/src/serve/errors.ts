import { ConvBertError } from '@convbert/config';

/** Codes the server answers with; each maps to one HTTP status. */
export type ServeErrorCode =
  | 'BAD_REQUEST'
  | 'BAD_JSON'
  | 'INVALID_REQUEST'
  | 'INVALID_INPUT'
  | 'UNKNOWN_MODEL'
  | 'NOT_FOUND'
  | 'BODY_TOO_LARGE'
  | 'TOO_MANY_INPUTS'
  | 'TOO_MANY_TOKENS'
  | 'HEADERS_TOO_LARGE'
  | 'REQUEST_TIMEOUT'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'UNSUPPORTED_CONTENT_ENCODING'
  | 'UNSUPPORTED_TRANSFER_ENCODING'
  | 'UNAUTHORIZED'
  | 'OVERLOADED'
  | 'QUEUE_FULL'
  | 'TIMEOUT'
  | 'WORKER_CRASHED'
  | 'NOT_READY'
  | 'SHUTTING_DOWN'
  | 'CLIENT_CLOSED'
  | 'INTERNAL';

const STATUS: Record<ServeErrorCode, number> = {
  BAD_REQUEST: 400,
  BAD_JSON: 400,
  INVALID_REQUEST: 422,
  INVALID_INPUT: 422,
  UNKNOWN_MODEL: 404,
  NOT_FOUND: 404,
  BODY_TOO_LARGE: 413,
  TOO_MANY_INPUTS: 413,
  TOO_MANY_TOKENS: 413,
  HEADERS_TOO_LARGE: 431,
  REQUEST_TIMEOUT: 408,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNSUPPORTED_CONTENT_ENCODING: 415,
  UNSUPPORTED_TRANSFER_ENCODING: 501,
  UNAUTHORIZED: 401,
  OVERLOADED: 503,
  QUEUE_FULL: 503,
  TIMEOUT: 503,
  WORKER_CRASHED: 503,
  NOT_READY: 503,
  SHUTTING_DOWN: 503,
  // Never sent (nobody is there to read it): what the metrics count, as nginx logs it.
  CLIENT_CLOSED: 499,
  INTERNAL: 500,
};

/** An error the server answers with `{ error, code }` and the code's status. */
export class ServeError extends ConvBertError {
  override readonly name = 'ServeError';
  readonly status: number;
  /** Seconds, sent as `Retry-After` (503s: the client may try again). */
  readonly retryAfter: number | undefined;

  // `code`: a `ServeErrorCode`, or the library's own code (`NO_MASK_TOKEN`, ...) for a pipeline's refusal.

  constructor(code: ServeErrorCode, message: string, options?: { retryAfter?: number; cause?: unknown });
  constructor(code: string, message: string, options: { status: number; retryAfter?: number; cause?: unknown });
  constructor(code: string, message: string, options: { status?: number; retryAfter?: number; cause?: unknown } = {}) {
    super(code, message, { cause: options.cause });
    this.status = options.status ?? STATUS[code as ServeErrorCode] ?? 500;
    this.retryAfter = options.retryAfter ?? (this.status === 503 ? 1 : undefined);
  }
}

/** A failure inside a pipeline, carried across the worker boundary as plain data (structured clone drops `code`). */
export interface ErrorData {
  code: string;
  message: string;
  /** Thrown by the library for bad input (the caller's fault) rather than by the machinery. */
  input: boolean;
}

// The library's input-validation codes: the request was well-formed JSON but the inputs cannot run.
const INPUT_CODES = new Set([
  'EMPTY_INPUT',
  'NO_MASK_TOKEN',
  'INVALID_TOP_K',
  'INVALID_OPTION',
  'MISSING_CONTEXT',
  'MISSING_QUESTION',
  'INVALID_CHOICES',
  'INPUT_SHAPE',
  'UNKNOWN_TARGET',
  'INVALID_INPUT',
  'INPUT_OUT_OF_RANGE',
  'INPUT_TOO_LONG',
  'INPUT_RAGGED',
  'INPUT_SHAPE_MISMATCH',
  // The tokenizer's: a lone UTF-16 surrogate (JSON's "\ud800" escape).
  'INVALID_UTF16',
]);

// The pipelines' own errors are about their inputs and options, except these.
const LIBRARY_FAULTS = new Set(['MODEL_OUTPUT', 'MODEL_FILES', 'MODEL_DISPOSED', 'UNKNOWN_TASK']);

export function errorData(err: unknown): ErrorData {
  const code = (err as { code?: unknown })?.code;
  const name = (err as { name?: unknown })?.name;
  const message = err instanceof Error ? err.message : String(err);
  const c = typeof code === 'string' ? code : 'INTERNAL';
  const fromPipeline = (name === 'HeadsError' || name === 'PipelineError') && !LIBRARY_FAULTS.has(c);
  return { code: c, message, input: INPUT_CODES.has(c) || fromPipeline };
}

/** The HTTP error for a pipeline failure: the library's own code, 422 for bad input, else 500. */
export function fromErrorData(e: ErrorData): ServeError {
  return new ServeError(e.code, e.message, { status: e.input ? 422 : 500 });
}

/** Any error thrown while answering: a `ServeError` as is, the library's input refusals as 422, the rest 500 with its cause. */
export function toServeError(err: unknown): ServeError {
  if (err instanceof ServeError) return err;
  const data = errorData(err);
  if (data.input) return fromErrorData(data);
  return new ServeError('INTERNAL', 'internal error', { cause: err });
}

/** Load shedding and drain: expected 503s, counted in the metrics and logged only with `--debug`. */
export const SHEDDING_CODES: ReadonlySet<string> = new Set(['OVERLOADED', 'QUEUE_FULL', 'NOT_READY', 'SHUTTING_DOWN']);
