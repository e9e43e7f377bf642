import { ConvBertError } from '@convbert/config';

/** Machine-readable reasons a head, a loss or a pipeline refuses its input. */
export type HeadsErrorCode =
  | 'EMPTY_INPUT'
  | 'INVALID_INPUT'
  | 'INPUT_TOO_LONG'
  | 'NO_MASK_TOKEN'
  | 'INVALID_TOP_K'
  | 'INVALID_OPTION'
  | 'MISSING_CONTEXT'
  | 'MISSING_QUESTION'
  | 'INVALID_CHOICES'
  | 'LABELS_SHAPE'
  | 'LABELS_VALUE'
  | 'INPUT_SHAPE'
  | 'UNKNOWN_TASK'
  | 'UNKNOWN_TARGET'
  | 'MODEL_OUTPUT';

/**
 * The one error class of `@convbert/heads`: bad pipeline input, labels that do not fit the
 * logits, or a model that returned something unexpected. `code` is stable; the message says
 * what was wrong and what to do.
 */
export class HeadsError extends ConvBertError<HeadsErrorCode> {
  override readonly name: string = 'HeadsError';

  constructor(code: HeadsErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}

/** Users of the pipelines look for a `PipelineError` (as in Python's `PipelineException`): same class. */
export { HeadsError as PipelineError };
