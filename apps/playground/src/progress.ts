// The stages of getting a first answer, as a visitor watches them: the model's files downloading
// (bytes per file), the ONNX graph being built from the checkpoint (or taken from the cache),
// ONNX Runtime starting and creating the session, and the first run. Fed by the download counter
// of models.ts, @convbert/web's `onProgress`, and the run itself.
import type * as web from '@convbert/web';
import { fmt, h } from './dom.js';

export type StageId = 'download' | 'graph' | 'session' | 'run';
type StageState = 'pending' | 'active' | 'done';

interface Stage {
  id: StageId;
  label: string;
  state: StageState;
  note?: string;
  startedAt?: number;
  endedAt?: number;
}

/** The share of the bar each stage fills (downloads by bytes, the others when they end). */
const WEIGHT: Record<StageId, number> = { download: 0.55, graph: 0.15, session: 0.25, run: 0.05 };

const LABELS: Record<StageId, string> = {
  download: 'Download the model files',
  graph: 'Build the ONNX graph from the checkpoint',
  session: 'Start ONNX Runtime (the first time: fetch and compile its wasm) and create the session',
  run: 'Run the model',
};

/** What the status line says while a stage is under way (announced to screen readers). */
const DOING: Record<StageId, string> = {
  download: 'Downloading the model…',
  graph: 'Building the ONNX graph…',
  session: 'Starting ONNX Runtime…',
  run: 'Running…',
};

export class LoadProgress {
  readonly stages: Stage[];
  readonly files = new Map<string, { loaded: number; total: number | undefined }>();
  /** Every fraction the bar showed, in order (tests read it: it must move during a cold load). */
  readonly values: number[] = [];
  onChange: (() => void) | undefined;

  constructor(private readonly inWorker = false) {
    this.stages = (['download', 'graph', 'session', 'run'] as StageId[]).map((id) => ({ id, label: LABELS[id], state: 'pending' }));
    if (inWorker) {
      const [download, graph, session] = this.stages as [Stage, Stage, Stage];
      download.note = 'in the Web Worker (it reports no bytes)';
      graph.note = 'in the Web Worker';
      session.note = 'in the Web Worker';
    }
  }

  private stage(id: StageId): Stage {
    return this.stages.find((s) => s.id === id) as Stage;
  }

  /** Marks `id` active and every stage before it done. */
  enter(id: StageId, note?: string): void {
    const now = performance.now();
    for (const s of this.stages) {
      if (s.id === id) {
        if (s.state === 'pending') {
          s.state = 'active';
          s.startedAt = now;
        }
        if (note !== undefined) s.note = note;
        break;
      }
      if (s.state !== 'done') {
        s.startedAt ??= now;
        s.state = 'done';
        s.endedAt = now;
      }
    }
    this.changed();
  }

  finish(id: StageId, note?: string): void {
    this.enter(id, note);
    const s = this.stage(id);
    s.state = 'done';
    s.endedAt = performance.now();
    this.changed();
  }

  file(name: string, loaded: number, total: number | undefined): void {
    if (this.stage('download').state === 'pending') this.enter('download');
    this.files.set(name, { loaded, total });
    this.changed();
  }

  /** @convbert/web's load progress: the graph build (or a cached graph), then the session. */
  library(e: web.HubProgress): void {
    if (e.file !== undefined) this.file(e.file, e.loaded, e.total);
    else if (e.step === 'graph (cached)') {
      this.finish('graph', 'taken from the cache');
      this.enter('session');
    } else if (e.step === 'build graph') {
      if (e.loaded < (e.total ?? 1)) this.enter('graph');
      else {
        this.finish('graph');
        this.enter('session');
      }
    }
  }

  /** The active stage, if any. */
  get current(): Stage | undefined {
    return this.stages.find((s) => s.state === 'active');
  }

  get doing(): string {
    const c = this.current;
    return c ? DOING[c.id] : '';
  }

  private shown = 0;

  /**
   * 0..1: finished stages in full, the download by its bytes. It never goes back (a file whose
   * size arrives late would otherwise pull the bar back).
   */
  get fraction(): number {
    this.shown = Math.max(this.shown, this.measure());
    return this.shown;
  }

  private measure(): number {
    let f = 0;
    for (const s of this.stages) {
      if (s.state === 'done') f += WEIGHT[s.id];
      else if (s.id === 'download' && s.state === 'active') f += WEIGHT.download * this.downloadFraction();
    }
    return Math.min(1, f);
  }

  private downloadFraction(): number {
    let loaded = 0;
    let total = 0;
    for (const f of this.files.values()) {
      loaded += f.loaded;
      total += f.total ?? f.loaded;
    }
    return total === 0 ? 0 : loaded / total;
  }

  private changed(): void {
    const v = Math.round(this.fraction * 1000) / 1000;
    if (this.values[this.values.length - 1] !== v) this.values.push(v);
    this.onChange?.();
  }

  get worker(): boolean {
    return this.inWorker;
  }
}

const bytes = (n: number) => (n >= 1e6 ? `${fmt(n / 1e6, 1)} MB` : `${fmt(n / 1e3, 1)} kB`);
/** A finished stage's time; a running one's seconds so far (the page re-draws while loading). */
const secs = (s: Stage) => {
  if (s.startedAt === undefined) return '';
  if (s.endedAt !== undefined) return ` (${fmt((s.endedAt - s.startedAt) / 1000, 2)} s)`;
  return s.state === 'active' ? ` (${Math.floor((performance.now() - s.startedAt) / 1000)} s so far)` : '';
};

/** The stages as a list with the bar; the download stage lists its files with bytes / total. */
export function progressView(p: LoadProgress): HTMLElement {
  const pct = Math.round(p.fraction * 100);
  return h(
    'div',
    { class: 'progress' },
    h('progress', { id: 'progress-bar', max: 100, value: pct, 'aria-label': 'Loading the model', 'aria-valuetext': `${pct}%` }),
    h(
      'ol',
      { class: 'stages' },
      ...p.stages.map((s) =>
        h(
          'li',
          { 'data-stage': s.id, 'data-state': s.state },
          h('span', { class: 'stage-mark', 'aria-hidden': 'true' }, s.state === 'done' ? '✓' : s.state === 'active' ? '…' : '○'),
          ` ${s.label}`,
          h('span', { class: 'visually-hidden' }, ` — ${s.state}`),
          s.note ? h('span', { class: 'muted' }, ` — ${s.note}`) : null,
          s.id === 'download' && s.state === 'done' && p.files.size === 0 && !p.worker
            ? h('span', { class: 'muted' }, ' — already in memory')
            : null,
          h('span', { class: 'muted' }, secs(s)),
          s.id === 'download' && p.files.size > 0
            ? h(
                'ul',
                { class: 'files' },
                ...[...p.files].map(([name, f]) =>
                  h('li', {}, `${name}: ${bytes(f.loaded)}${f.total !== undefined ? ` of ${bytes(f.total)}` : ''}`),
                ),
              )
            : null,
        ),
      ),
    ),
  );
}
