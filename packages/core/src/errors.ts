import { ConvBertError } from '@convbert/config';
import type { HubErrorCode } from './hub/errors.js';

/** Error codes of `@convbert/core`; each names what was wrong so callers can branch on it. */
export type CoreErrorCode =
  | 'SAFETENSORS_INVALID'
  | 'PICKLE_INVALID'
  | 'PICKLE_FORBIDDEN_GLOBAL'
  | 'ZIP_INVALID'
  | 'HDF5_INVALID'
  | 'WEIGHT_MISSING'
  | 'WEIGHT_SHAPE'
  | 'WEIGHT_DTYPE'
  | 'WEIGHT_UNEXPECTED'
  | 'GRAPH_INVALID'
  | 'INVALID_INPUT'
  | 'UNKNOWN_OPTION'
  | 'INVALID_OPTION'
  | 'INPUT_OUT_OF_RANGE'
  | 'INPUT_TOO_LONG'
  | 'INPUT_RAGGED'
  | 'INPUT_SHAPE_MISMATCH'
  | 'MODEL_FILES_MISSING'
  | 'MODEL_DISPOSED'
  | 'BACKEND_OUTPUT_MISSING'
  | 'BACKEND_UNAVAILABLE'
  | HubErrorCode;

/** The error class of `@convbert/core`: `code` for programs, a message that says what to do for people. */
export class CoreError extends ConvBertError<CoreErrorCode> {
  constructor(code: CoreErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.name = 'CoreError';
  }
}

/**
 * A weights file (safetensors, pytorch_model.bin, tf_model.h5) or a state dict that cannot be used.
 * `tensor` names the offending tensor when there is one.
 */
export class WeightsError extends CoreError {
  readonly tensor: string | undefined;
  constructor(code: CoreErrorCode, message: string, tensor?: string, options?: { cause?: unknown }) {
    super(code, tensor === undefined ? message : `tensor "${tensor}": ${message}`, options);
    this.name = 'WeightsError';
    this.tensor = tensor;
  }
}
