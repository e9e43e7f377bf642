import { ConvBertError } from './convbert-error.js';

/** Machine-readable reasons a configuration is refused. */
export type ConvBertConfigErrorCode =
  | 'CONFIG_NOT_OBJECT'
  | 'CONFIG_INVALID_JSON'
  | 'CONFIG_INVALID_TYPE'
  | 'CONFIG_INVALID_SIZE'
  | 'CONFIG_INCOMPATIBLE_SIZES'
  | 'CONFIG_UNKNOWN_ACTIVATION'
  | 'CONFIG_INVALID_LABELS'
  | 'CONFIG_UNKNOWN_PRESET'
  | 'CONFIG_WRONG_MODEL_TYPE';

/** Thrown for any configuration the reference would refuse or that cannot build a working model. */
export class ConvBertConfigError extends ConvBertError<ConvBertConfigErrorCode> {
  override readonly name = 'ConvBertConfigError';
  /** The `config.json` field at fault, when there is one. */
  readonly field: string | undefined;

  constructor(code: ConvBertConfigErrorCode, message: string, field?: string) {
    super(code, field ? `${field}: ${message}` : message);
    this.field = field;
  }
}
