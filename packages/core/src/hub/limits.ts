// A download that trickles a byte every few hundred milliseconds never trips the idle timeout, and
// a server may send more than any model needs: the deadline and the size bound end both, checked
// before the work (an announced size, a deadline already past) and while it runs.
import { CoreError } from '../errors.js';

/** The default `maxBytes`: 4 GiB, above every ConvBERT checkpoint (the large ones are 1.3 GB). */
export const DEFAULT_MAX_BYTES = 4 * 1024 ** 3;

export interface DownloadLimitOptions {
  /**
   * One file's whole download (waiting for another process that downloads it, every retry) must
   * end within this many ms, else `HUB_DEADLINE`.
   * @default undefined (no deadline: the idle timeout `timeoutMs` still ends a stalled download)
   */
  deadlineMs?: number;
  /**
   * A file larger than this is refused with `HUB_TOO_LARGE`: before its body when the server
   * announces the size, else as soon as the bytes received pass it. `Infinity` lifts the bound.
   * @default 4 GiB
   */
  maxBytes?: number;
}

function positive(name: string, value: number | undefined): void {
  if (value === undefined) return;
  if (typeof value !== 'number' || !(value > 0)) {
    throw new CoreError('INVALID_OPTION', `${name} must be a positive number (or Infinity), not ${String(value)}`);
  }
}

/** Refuses a `deadlineMs` or `maxBytes` that is not a positive number (`INVALID_OPTION`), before anything loads. */
export function checkDownloadLimits(options: DownloadLimitOptions): void {
  positive('deadlineMs', options.deadlineMs);
  positive('maxBytes', options.maxBytes);
}
