// A download that trickles a byte every few hundred milliseconds never trips the idle timeout, and
// a server may send more than any model needs: the deadline and the size bound end both, checked
// before the work (an announced size, a deadline already past) and while it runs.
import { CoreError } from '../errors.js';
import { HubError } from './errors.js';
import type { AbortControllerLike } from './idle-timer.js';

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

interface Timers {
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(id: unknown): void;
}
const timers = globalThis as unknown as Timers;

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

/** The deadline and the size bound of one file's download, started when it is made. */
export class DownloadLimits {
  readonly maxBytes: number;
  private readonly deadlineMs: number;
  private readonly endsAt: number;

  constructor(
    options: DownloadLimitOptions,
    private readonly file: string,
  ) {
    checkDownloadLimits(options);
    this.maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
    this.deadlineMs = options.deadlineMs ?? Number.POSITIVE_INFINITY;
    this.endsAt = Date.now() + this.deadlineMs;
  }

  expired(): boolean {
    return Date.now() >= this.endsAt;
  }

  /** `HUB_DEADLINE`, saying what happened to the bytes received so far. */
  deadlineError(kept: string, cause?: unknown): HubError {
    return new HubError('HUB_DEADLINE', `the download did not end within deadlineMs (${this.deadlineMs} ms); ${kept}`, this.file, {
      cause,
    });
  }

  /** Throws `HUB_DEADLINE` once the deadline has passed (before each step: a wait, a try). */
  checkTime(kept: string): void {
    if (this.expired()) throw this.deadlineError(kept);
  }

  /** Throws `HUB_TOO_LARGE` when `bytes` pass `maxBytes`; `announced`: the server's size, before the body. */
  checkSize(bytes: number, announced: boolean): void {
    if (bytes <= this.maxBytes) return;
    throw new HubError(
      'HUB_TOO_LARGE',
      announced
        ? `the server announces ${bytes} bytes, more than maxBytes (${this.maxBytes}); nothing was downloaded`
        : `more than maxBytes (${this.maxBytes}) bytes arrived; the download was discarded`,
      this.file,
    );
  }

  /** Aborts `controller` when the deadline passes (a request in flight ends); returns the timer's stop. */
  arm(controller: AbortControllerLike<unknown>): () => void {
    const left = this.endsAt - Date.now();
    // Timers take at most 2^31 - 1 ms (a longer one fires at once); past that, checkTime() between steps does.
    if (left > 2 ** 31 - 1) return () => {};
    const id = timers.setTimeout(() => controller.abort(new Error('deadline')), Math.max(0, left));
    return () => timers.clearTimeout(id);
  }
}
