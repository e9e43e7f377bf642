import { CoreError } from '../errors.js';

/** Why a model file could not be had from the hub or the cache. */
export type HubErrorCode =
  | 'HUB_INVALID_NAME'
  | 'HUB_NOT_FOUND'
  | 'HUB_UNAUTHORIZED'
  | 'HUB_HTTP'
  | 'HUB_TIMEOUT'
  | 'HUB_DEADLINE'
  | 'HUB_TOO_LARGE'
  | 'HUB_NETWORK'
  | 'HUB_CHECKSUM_MISMATCH'
  | 'HUB_OFFLINE_MISS';

/** Errors of hub loading (names, HTTP, cache), shared by the Node and browser loaders. */
export class HubError extends CoreError {
  declare readonly code: HubErrorCode;
  /** The file concerned, `repo@revision/file`, when there is one. */
  readonly file: string | undefined;
  constructor(code: HubErrorCode, message: string, file?: string, options?: { cause?: unknown }) {
    super(code, file ? `${file}: ${message}` : message, options);
    this.name = 'HubError';
    this.file = file;
  }
}
