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
  /** Tokens per model call at most (TEI's `--max-batch-tokens`); a single input may exceed it alone. */
  maxBatchTokens: number;
  /** How long an input waits for companions of its length before its batch runs anyway (Triton's max queue delay). */
  maxWaitMs: number;
  /** Inputs waiting (queued or reserved) at most; more are refused (503 QUEUE_FULL). */
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
  /** Its share of a batch's token budget (default: `length`, else 1). */
  tokens?: number;
  /** How many inputs it counts for in the queue (default 1; a slice of a tensor request: its rows). */
  inputs?: number;
  /** Already a batch (a slice of a tensor request): runs alone, without waiting for companions. */
  solo?: boolean;
}

/**
 * Places in the queue that an admitted request holds before its inputs are queued: admission takes
 * one before the body is even read, so a full queue refuses new requests before any work.
 */
export interface Ticket {
  held: number;
}

export interface SubmitOptions {
  /** Aborting takes the inputs that have not started out of the queue. */
  signal?: AbortSignal;
  /** The request's reservation; its places are used first. */
  ticket?: Ticket;
}

interface Pending<P, R> {
  payload: P;
  at: number;
  tokens: number;
  inputs: number;
  solo: boolean;
  cancelled: boolean;
  resolve(o: Outcome<R>): void;
  reject(e: unknown): void;
}

interface Group<P, R> {
  key: string;
  items: Pending<P, R>[];
}

const queueFull = (waiting: number) => new ServeError('QUEUE_FULL', `the queue is full (${waiting} inputs waiting): try again shortly`);

export class Batcher<P, R> {
  private readonly groups = new Map<string, Group<P, R>>();
  private queued = 0;
  private reserved = 0;
  private soloSeq = 0;
  private inFlight = 0;
  private timer: NodeJS.Timeout | undefined;
  private immediate: NodeJS.Immediate | undefined;
  private idleWaiters: (() => void)[] = [];

  constructor(private readonly options: BatcherOptions<P, R>) {}

  /** Inputs waiting for a batch or reserved by admitted requests (not yet running). */
  get depth(): number {
    return this.queued + this.reserved;
  }

  get running(): number {
    return this.inFlight;
  }

  /** Whether `n` more inputs fit in the queue now. */
  fits(n: number): boolean {
    return this.depth + n <= this.options.maxQueue;
  }

  /** Holds `n` places in the queue; `undefined` when they do not fit. */
  reserve(n: number): Ticket | undefined {
    if (!this.fits(n)) return undefined;
    this.reserved += n;
    return { held: n };
  }

  /** Makes a ticket hold `n` places (a request's real size once its body is read); QUEUE_FULL when they do not fit. */
  resize(ticket: Ticket, n: number): void {
    if (this.depth - ticket.held + n > this.options.maxQueue) throw queueFull(this.depth);
    this.reserved += n - ticket.held;
    ticket.held = n;
  }

  /** Gives back the places a ticket still holds. */
  release(ticket: Ticket): void {
    this.reserved -= ticket.held;
    ticket.held = 0;
  }

  /** Queues a request's inputs; resolves with one outcome per input, in order. */
  submit(key: string, items: readonly BatchItem<P>[], { signal, ticket }: SubmitOptions = {}): Promise<Outcome<R>[]> {
    const inputs = items.reduce((n, item) => n + (item.inputs ?? 1), 0);
    const fromTicket = ticket ? Math.min(ticket.held, inputs) : 0;
    if (this.depth - fromTicket + inputs > this.options.maxQueue) throw queueFull(this.depth);
    if (ticket) {
      ticket.held -= fromTicket;
      this.reserved -= fromTicket;
    }
    signal?.throwIfAborted();
    const now = performance.now();
    const pending: Pending<P, R>[] = [];
    const promises = items.map(
      (item) =>
        new Promise<Outcome<R>>((resolve, reject) => {
          const p: Pending<P, R> = {
            payload: item.payload,
            at: now,
            tokens: item.tokens ?? item.length ?? 1,
            inputs: item.inputs ?? 1,
            solo: item.solo === true,
            cancelled: false,
            resolve,
            reject,
          };
          pending.push(p);
          const groupKey = p.solo ? `\u0001${this.soloSeq++}` : `${key}\u0000${item.length ?? '*'}`;
          let g = this.groups.get(groupKey);
          if (!g) {
            g = { key, items: [] };
            this.groups.set(groupKey, g);
          }
          g.items.push(p);
        }),
    );
    this.queued += inputs;
    signal?.addEventListener(
      'abort',
      () => {
        for (const p of pending) {
          if (p.cancelled) continue;
          p.cancelled = true;
          p.reject(signal.reason);
        }
        // Cancelled inputs leave the queue's count now, not when a later pick sweeps them.
        this.schedule();
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

  private full(items: Pending<P, R>[]): boolean {
    if (items[0].solo || items.length >= this.options.maxBatch) return true;
    let tokens = 0;
    for (const p of items) tokens += p.tokens;
    return tokens >= this.options.maxBatchTokens;
  }

  /** The group to run next: of those full or waited `maxWaitMs`, the one whose first input came first. */
  private pick(now: number): Group<P, R> | undefined {
    let ready: { g: Group<P, R>; at: number } | undefined;
    for (const [k, g] of this.groups) {
      const live = g.items.filter((p) => !p.cancelled);
      for (const p of g.items) if (p.cancelled) this.queued -= p.inputs;
      g.items = live;
      if (live.length === 0) {
        this.groups.delete(k);
        continue;
      }
      // Ready: full, or its first input waited enough. Among the ready, oldest first: a request's
      // later slice never overtakes a smaller request that was queued before it.
      const at = live[0].at;
      if ((this.full(live) || now - at >= this.options.maxWaitMs) && (!ready || at < ready.at)) ready = { g, at };
    }
    return ready?.g;
  }

  /** The group's next batch: in order, at most `maxBatch` inputs and `maxBatchTokens` tokens (at least one input). */
  private take(g: Group<P, R>): Pending<P, R>[] {
    let n = 0;
    let tokens = 0;
    while (n < g.items.length && n < this.options.maxBatch) {
      const next = g.items[n];
      if (n > 0 && (next.solo || tokens + next.tokens > this.options.maxBatchTokens)) break;
      tokens += next.tokens;
      n++;
      if (next.solo) break;
    }
    return g.items.splice(0, n);
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
    // A sweep of cancelled inputs even when every worker is busy, so that `depth` is honest.
    if (this.inFlight >= this.options.concurrency) this.pick(Number.NEGATIVE_INFINITY);
    while (this.inFlight < this.options.concurrency) {
      const g = this.pick(performance.now());
      if (!g) break;
      const batch = this.take(g);
      for (const p of batch) this.queued -= p.inputs;
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
