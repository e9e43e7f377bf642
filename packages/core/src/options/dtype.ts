import { DTYPES, type DType } from '../onnx/dtype.js';
import { OptionsError, suggestName } from './check-options.js';

/**
 * `dtype` as a loader option: undefined (the default, fp32 for a built graph) or one of
 * `DTYPES`. Anything else (`FP16`, `float16`, a name another library uses) is refused with the
 * valid names rather than silently built as fp32.
 */
export function checkDType(value: unknown, where: string): DType | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string' && (DTYPES as readonly string[]).includes(value)) return value as DType;
  const near = typeof value === 'string' ? suggestName(value, DTYPES) : undefined;
  throw new OptionsError(
    'INVALID_OPTION',
    `${where}: unknown dtype ${JSON.stringify(value)}${near === undefined ? '' : ` (did you mean "${near}"?)`}; valid dtypes: ${DTYPES.join(', ')}`,
    'dtype',
    near,
  );
}
