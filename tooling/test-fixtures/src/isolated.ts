// Test-only: runs a loader on hostile input in a child process with a heap limit, a peak-memory
// watch and a deadline, so that a test of a hang or of a memory blow-up fails instead of hanging
// or taking the machine with it. The child imports the package's built `dist` (turbo builds it
// before `test`); the probe is JavaScript source, since the child runs no TypeScript.
//
// Measuring: with CONVBERT_HOSTILE_COSTS=<file>, every labelled run appends one JSON line (time,
// peak RSS, outcome) to that file; CONVBERT_HOSTILE_LIMITS=relaxed raises the limits so that an
// unfixed loader's full cost is seen (run vitest with --testTimeout=300000 then).
// `node tooling/scripts/hostile-costs.mjs <file>` prints them.
import { type ChildProcess, type Serializable, spawn } from 'node:child_process';
import { appendFileSync, readFileSync } from 'node:fs';

export interface Limits {
  /** Wall-clock deadline of one run, in ms (a watchdog for hangs: far above the expected time). */
  timeoutMs: number;
  /** The child's V8 heap limit (`--max-old-space-size`), in MiB. */
  heapMb: number;
  /** The child is killed when its resident memory passes this, in MiB (array buffers live outside the heap). */
  rssMb: number;
}

export interface ThrownError {
  name: string;
  code?: string;
  message: string;
}

export interface Outcome {
  /** What the probe returned (structured-cloned), when it returned. */
  value?: unknown;
  /** What the probe threw, when it threw. */
  error?: ThrownError;
  /** Set when the child was stopped: past the deadline, past the memory limit, or dead (heap limit, crash). */
  killed?: 'time' | 'memory' | 'crash';
  /** Wall-clock time of the run and the child's peak resident memory so far (MiB). */
  ms: number;
  peakRssMb: number;
  /** The child's last stderr lines when it died. */
  stderr?: string;
}

/** The child program: the caller's setup (imports, and `async function probe(input)`) and a message loop. */
function childProgram(setup: string): string {
  return `${setup}
const peak = () => process.resourceUsage().maxRSS / 1024;
process.on('message', async (input) => {
  const t0 = performance.now();
  let reply;
  try {
    reply = { value: await probe(input) };
  } catch (e) {
    reply = { error: { name: e?.constructor?.name ?? typeof e, code: typeof e?.code === 'string' ? e.code : undefined, message: String(e?.message ?? e) } };
  }
  process.send({ ...reply, ms: performance.now() - t0, peakRssMb: peak() });
});
process.send({ ready: true, peakRssMb: peak() });
`;
}

function relaxed(limits: Limits): Limits {
  if (process.env.CONVBERT_HOSTILE_LIMITS !== 'relaxed') return limits;
  return { timeoutMs: Math.max(limits.timeoutMs, 120_000), heapMb: 8192, rssMb: 8192 };
}

/** Resident memory of a process in MiB from /proc (Linux); undefined elsewhere. */
function rssOf(pid: number): number | undefined {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A child process that runs `probe(input)` once per `run`. `setup` is ES module source that
 * defines `async function probe(input)`; its return value must be structured-cloneable.
 */
export class IsolatedProbe {
  private child: ChildProcess | undefined;
  private stderr = '';
  private peak = 0;
  /** An input replayed into every new child (see `keep`). */
  private kept: { input: unknown } | undefined;

  private constructor(
    private readonly setup: string,
    readonly limits: Limits,
  ) {}

  static async start(setup: string, limits: Limits): Promise<IsolatedProbe> {
    const p = new IsolatedProbe(setup, relaxed(limits));
    await p.spawn();
    return p;
  }

  private spawn(): Promise<void> {
    this.stderr = '';
    this.peak = 0;
    const child = spawn(
      process.execPath,
      [`--max-old-space-size=${this.limits.heapMb}`, '--input-type=module', '-e', childProgram(this.setup)],
      {
        stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
        serialization: 'advanced',
      },
    );
    // a child outlives a test runner that is stopped; it must not outlive this process
    const onParentExit = () => child.kill('SIGKILL');
    process.once('exit', onParentExit);
    child.once('exit', () => process.off('exit', onParentExit));
    child.stderr?.on('data', (d: Buffer) => {
      this.stderr = (this.stderr + d.toString()).slice(-4000);
    });
    this.child = child;
    return new Promise((resolve, reject) => {
      const onExit = () => reject(new Error(`the probe process did not start:\n${this.stderr}`));
      child.once('exit', onExit);
      child.once('message', () => {
        child.off('exit', onExit);
        resolve();
      });
    });
  }

  /**
   * Runs the probe on `input` now and in every child started later (after a kill or a crash): for
   * state the probe keeps, such as a base file that later inputs only edit.
   */
  async keep(input: unknown): Promise<Outcome> {
    this.kept = { input };
    return this.run(input);
  }

  /** Runs the probe on `input` (anything structured-cloneable). `label` records the run's cost when measuring. */
  async run(input: unknown, label?: string): Promise<Outcome> {
    if (this.child === undefined) {
      await this.spawn();
      if (this.kept !== undefined && input !== this.kept.input) await this.run(this.kept.input);
    }
    const child = this.child as ChildProcess;
    const t0 = performance.now();
    const outcome = await new Promise<Outcome>((resolve) => {
      let done = false;
      const finish = (o: Outcome) => {
        if (done) return;
        done = true;
        clearTimeout(deadline);
        clearInterval(watch);
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve(o);
      };
      const elapsed = () => performance.now() - t0;
      const kill = (why: 'time' | 'memory') => {
        child.kill('SIGKILL');
        this.child = undefined;
        finish({ killed: why, ms: elapsed(), peakRssMb: Math.max(this.peak, rssOf(child.pid as number) ?? 0) });
      };
      const deadline = setTimeout(() => kill('time'), this.limits.timeoutMs);
      const watch = setInterval(() => {
        const rss = rssOf(child.pid as number);
        if (rss === undefined) return;
        this.peak = Math.max(this.peak, rss);
        if (rss > this.limits.rssMb) kill('memory');
      }, 20);
      const onMessage = (m: Outcome) => {
        this.peak = Math.max(this.peak, m.peakRssMb);
        finish({ ...m, peakRssMb: this.peak });
      };
      const onExit = () => {
        this.child = undefined;
        finish({ killed: 'crash', ms: elapsed(), peakRssMb: this.peak, stderr: this.stderr });
      };
      child.on('message', onMessage);
      child.once('exit', onExit);
      child.send(input as Serializable);
    });
    record(label, outcome);
    return outcome;
  }

  close(): void {
    this.child?.kill('SIGKILL');
    this.child = undefined;
  }
}

/** One run in a fresh child: `probe(input)` under `limits`. */
export async function runIsolated(setup: string, input: unknown, limits: Limits, label?: string): Promise<Outcome> {
  const p = await IsolatedProbe.start(setup, limits);
  try {
    return await p.run(input, label);
  } finally {
    p.close();
  }
}

function record(label: string | undefined, o: Outcome): void {
  const file = process.env.CONVBERT_HOSTILE_COSTS;
  if (label === undefined || file === undefined) return;
  const result = o.killed ? `killed (${o.killed})` : o.error ? `${o.error.name} ${o.error.code ?? ''}`.trim() : 'ok';
  appendFileSync(file, `${JSON.stringify({ label, ms: Math.round(o.ms), peakRssMb: Math.round(o.peakRssMb), result })}\n`);
}

/** `import { ... } from '<dist file>'` for a child: the file as a URL. */
export function distImport(names: readonly string[], file: URL): string {
  return `import { ${names.join(', ')} } from ${JSON.stringify(file.href)};`;
}
