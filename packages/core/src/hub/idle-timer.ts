// A download that stalls is ended, not one that is merely long: the timer restarts with every chunk.

/** What the timer needs of an `AbortController` (core is typed without DOM or Node, hence structurally). */
export interface AbortControllerLike<Signal> {
  readonly signal: Signal & { readonly aborted: boolean };
  /** Aborts the signal. */
  abort(reason?: unknown): void;
}

/** An abort signal that fires when a download goes quiet for too long. */
export interface IdleTimer<Signal> {
  /** Aborts when no `touch()` came for the timeout (pass it to `fetch`). */
  readonly signal: Signal;
  /** A byte arrived: the timeout starts again. */
  touch(): void;
  /** The download ended: no more timeout. */
  stop(): void;
  /** Whether the signal fired because of the timeout. */
  timedOut(): boolean;
}

interface Timers {
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(id: unknown): void;
}
const timers = globalThis as unknown as Timers;

/** A fetch signal that fires when no byte has arrived for `timeoutMs`; `touch()` on each chunk. */
export function idleTimer<Signal>(timeoutMs: number, controller: AbortControllerLike<Signal>): IdleTimer<Signal> {
  let timer: unknown;
  const touch = () => {
    timers.clearTimeout(timer);
    timer = timers.setTimeout(() => controller.abort(new Error('idle timeout')), timeoutMs);
  };
  touch();
  return {
    signal: controller.signal,
    touch,
    stop: () => timers.clearTimeout(timer),
    timedOut: () => controller.signal.aborted,
  };
}
