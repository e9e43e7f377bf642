// The deadline and the size bound at work during one file's download (`@convbert/core/download`:
// loaded with the download code, not with every page).
import { HubError } from './errors.js';
import type { AbortControllerLike } from './idle-timer.js';
import { checkDownloadLimits, DEFAULT_MAX_BYTES, type DownloadLimitOptions } from './limits.js';

interface Timers {
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(id: unknown): void;
}
const timers = globalThis as unknown as Timers;

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
