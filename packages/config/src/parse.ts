import { ConvBertConfig } from './config.js';
import { ConvBertConfigError } from './errors.js';

/**
 * Reads a `config.json` (text or already-parsed value) with the reference's defaults and
 * validates it. Throws `ConvBertConfigError` naming the field at fault.
 */
export function parseConfig(json: string | unknown): ConvBertConfig {
  let value: unknown = json;
  if (typeof json === 'string') {
    try {
      value = JSON.parse(json);
    } catch (err) {
      throw new ConvBertConfigError('CONFIG_INVALID_JSON', `config.json is not valid JSON: ${(err as Error).message}`);
    }
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ConvBertConfigError(
      'CONFIG_NOT_OBJECT',
      `config.json must hold a JSON object, got ${value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value}`,
    );
  }
  return new ConvBertConfig(value as Record<string, unknown>);
}
