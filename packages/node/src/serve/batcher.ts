// Batching across requests (TEI's queue + batching task): concurrent inputs wait together and run
// as one pipeline call. ConvBERT's convolution sees padding, so inputs only share a batch when they
// have exactly the same token length (or, for tasks without one length, the pipeline's own exact
// length bucketing splits the call): every result equals a one-at-a-time run.
import { type ErrorData, ServeError } from './errors.js';

export type Outcome<R> = { ok: true; value: R } | { ok: false; error: ErrorData };

/** One batch's answer: a value per payload, or one error for the whole call. */
export type BatchResult<R> = { ok: true; values: R[] } | { ok: false; error: ErrorData };

export interface BatcherOptions<P, R> {
  /** Inputs per model call at most. */
  maxBatch: number;
  /** How long an input waits for companions of its length before its batch runs anyway (Triton's max queue delay). */
  maxWaitMs: number;
  /** Inputs waiting at most; more are refused (503 QUEUE_FULL). */
  maxQueue: number;
  /** Batches running at the same time (one per worker). */
  concurrency: number;
  /** Runs one batch; a rejection (a crashed worker) fails every input of the batch. */
  execute(key: string, payloads: P[]): Promise<BatchResult<R>>;
  onBatch?(size: number): void;
}

export interface BatchItem<P> {
  /** Token length; inputs of different lengths never share a batch. `undefined`: no single length. */
  length: number | undefined;
  payload: P;
}

interface Pending<P, R> {
  payload: P;
  at: number;
  cancelled: boolean;
  resolve(o: Outcome<R>): void;
  reject(e: unknown): void;
}

interface Group<P, R> {
  key: string;
  items: Pending<P, R>[];
}

export class Batcher<P, R> {
  private readonly groups = new Map<string, Group<P, R>>();
  private queued = 0;
  private inFlight = 0;
  private timer: NodeJS.Timeout | undefined;
  private immediate: NodeJS.Immediate | undefined;
  private idleWaiters: (() => void)[] = [];

  constructor(private readonly options: BatcherOptions<P, R>) {}

  /** Inputs waiting for a batch (not yet running). */
  get depth(): number {
    return this.queued;
  }

  get running(): number {
    return this.inFlight;
  }

  /**
   * Queues a request's inputs; resolves with one outcome per input, in order. Aborting `signal`
   * takes the inputs that have not started out of the queue.
   */
  submit(key: string, items: readonly BatchItem<P>[], signal?: AbortSignal): Promise<Outcome<R>[]> {
    if (this.queued + items.length > this.options.maxQueue) {
      throw new ServeError('QUEUE_FULL', `the queue is full (${this.queued} inputs waiting): try again shortly`);
    }
    const now = performance.now();
    const pending: Pending<P, R>[] = [];
    const promises = items.map(
      (item) =>
        new Promise<Outcome<R>>((resolve, reject) => {
          const p: Pending<P, R> = { payload: item.payload, at: now, cancelled: false, resolve, reject };
          pending.push(p);
          const groupKey = `${key}\u0000${item.length ?? '*'}`;
          let g = this.groups.get(groupKey);
          if (!g) {
            g = { key, items: [] };
            this.groups.set(groupKey, g);
          }
          g.items.push(p);
        }),
    );
    this.queued += items.length;
    signal?.addEventListener(
      'abort',
      () => {
        for (const p of pending) {
          if (p.cancelled) continue;
          p.cancelled = true;
          p.reject(signal.reason);
        }
      },
      { once: true },
    );
    this.schedule();
    return Promise.all(promises);
  }

  /** Resolves once nothing waits and nothing runs. */
  idle(): Promise<void> {
    if (this.queued === 0 && this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** The group to run next: a full one, or the one whose first input has waited longest, once it waited `maxWaitMs`. */
  private pick(now: number): Group<P, R> | undefined {
    let ready: { g: Group<P, R>; at: number } | undefined;
    for (const [k, g] of this.groups) {
      const live = g.items.filter((p) => !p.cancelled);
      this.queued -= g.items.length - live.length;
      g.items = live;
      if (live.length === 0) {
        this.groups.delete(k);
        continue;
      }
      const at = live.length >= this.options.maxBatch ? Number.NEGATIVE_INFINITY : live[0].at;
      if ((at === Number.NEGATIVE_INFINITY || now - at >= this.options.maxWaitMs) && (!ready || at < ready.at)) ready = { g, at };
    }
    return ready?.g;
  }

  // Dispatch after the event loop's poll phase, not inside `submit`: the requests that arrived while
  // a run blocked the thread are all read first and can share batches.
  private schedule(): void {
    this.immediate ??= setImmediate(() => {
      this.immediate = undefined;
      this.pump();
    });
  }

  private pump(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    while (this.inFlight < this.options.concurrency) {
      const g = this.pick(performance.now());
      if (!g) break;
      const batch = g.items.splice(0, this.options.maxBatch);
      this.queued -= batch.length;
      this.dispatch(g.key, batch);
    }
    this.arm();
    if (this.queued === 0 && this.inFlight === 0) {
      for (const w of this.idleWaiters.splice(0)) w();
    }
  }

  private arm(): void {
    if (this.inFlight >= this.options.concurrency || this.queued === 0) return;
    let first = Number.POSITIVE_INFINITY;
    for (const g of this.groups.values()) if (g.items.length) first = Math.min(first, g.items[0].at);
    if (!Number.isFinite(first)) return;
    const wait = Math.max(0, first + this.options.maxWaitMs - performance.now());
    this.timer = setTimeout(() => this.pump(), wait);
  }

  private dispatch(key: string, batch: Pending<P, R>[]): void {
    this.inFlight++;
    this.options.onBatch?.(batch.length);
    this.runWithFallback(key, batch)
      .catch((err) => {
        for (const p of batch) p.reject(err);
      })
      .finally(() => {
        this.inFlight--;
        this.schedule();
      });
  }

  // One bad input makes the whole pipeline call fail: run the batch's inputs alone so that only
  // the request that sent it gets the error.
  private async runWithFallback(key: string, batch: Pending<P, R>[]): Promise<void> {
    const result = await this.options.execute(
      key,
      batch.map((p) => p.payload),
    );
    if (result.ok) {
      for (const [i, p] of batch.entries()) p.resolve({ ok: true, value: result.values[i] });
      return;
    }
    if (batch.length === 1) {
      batch[0].resolve({ ok: false, error: result.error });
      return;
    }
    for (const p of batch) {
      try {
        const one = await this.options.execute(key, [p.payload]);
        p.resolve(one.ok ? { ok: true, value: one.values[0] } : { ok: false, error: one.error });
      } catch (err) {
        p.reject(err);
      }
    }
  }
}
