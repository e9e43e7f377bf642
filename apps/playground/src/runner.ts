// One run of a tab, as a visitor waits for it: staged loading, the answer on screen first, then
// the tokens, then the maps, each after a paint. Changing the tab, backend or model makes a run in
// flight stale, and whatever it finishes later is dropped instead of shown under the wrong tab.
import type * as web from '@convbert/web';
import { nextPaint } from './dom.js';
import { loadPipeline, maxLengthOf, noMapsReason, pictures, type Settings, tokenizerOf } from './loading.js';
import { loadDemoIndex, NoDemoModel, type PlaygroundSource } from './models.js';
import { type AppState, isBusy, taskOf, valuesOf } from './state.js';
import { cutNotice, tokenList } from './tokens.js';

/** What the runner asks of the page. */
export interface RunView {
  renderAll(): void;
  renderStatus(): void;
  /** Progress changed (drawn at the next frame). */
  progress(): void;
  /** The result is drawn: bring it into view if it starts low on the screen. */
  revealResult(): void;
  renderResult(): void;
  renderTokens(): void;
  renderPictures(): void;
}

export interface Runner {
  run(): Promise<void>;
  /** Drops the run in flight (if any) and clears the last result. */
  invalidate(): void;
  /** Resolves when the last run, its tokens and its maps are finished (or dropped). */
  settled(): Promise<void>;
}

export const errorText = (err: unknown) =>
  err instanceof Error ? `${(err as { code?: string }).code ? `${(err as { code?: string }).code}: ` : ''}${err.message}` : String(err);

function parseOptions(text: string | undefined): Record<string, unknown> {
  try {
    const o = JSON.parse(text?.trim() || '{}') as unknown;
    if (o !== null && typeof o === 'object' && !Array.isArray(o)) return o as Record<string, unknown>;
  } catch {}
  throw new Error(`Options must be a JSON object, e.g. { "topK": 3 }; got: ${text}`);
}

export function createRunner(app: AppState, view: RunView, ortOptions: web.OrtWebOptions): Runner {
  let runSeq = 0;
  let lastRun: Promise<void> = Promise.resolve();
  // A run is under way before its status says so: from the click until the demo index is read.
  let starting = false;
  const inFlight = () => starting || isBusy(app);

  function invalidate(): void {
    if (inFlight()) app.dropped++;
    starting = false;
    runSeq++;
    Object.assign(app, {
      status: 'idle',
      error: undefined,
      lastResult: undefined,
      notices: [],
      lastTokens: undefined,
      lastPictures: undefined,
      picturesStatus: 'idle',
      picturesError: undefined,
      progress: undefined,
    });
  }

  async function runOnce(): Promise<void> {
    invalidate();
    starting = true;
    const id = runSeq;
    const stale = () => id !== runSeq;
    const s: Settings = { task: taskOf(app), device: app.device, useWorker: app.useWorker, choice: app.choice };
    const t = s.task;
    const v = { ...valuesOf(app, t) };
    app.timeline = { start: performance.now() };
    app.demoIndex = await loadDemoIndex();
    if (stale()) return;
    starting = false;
    if (s.choice.kind === 'demo' && !app.demoIndex[t.demo]) {
      app.status = 'no-model';
      app.error = new NoDemoModel(t.demo).message;
      return view.renderAll();
    }
    app.status = 'loading';
    view.renderAll();
    try {
      const options = parseOptions(v.options);
      const load = loadPipeline(s, ortOptions);
      let ticker: ReturnType<typeof setInterval> | undefined;
      if (!load.done) {
        app.progress = load.progress;
        load.progress.onChange = () => !stale() && view.progress();
        // A stage can last seconds without an event (ONNX Runtime compiling): its clock keeps moving.
        ticker = setInterval(() => !stale() && view.progress(), 1000);
      }
      const { source, pipeline } = await load.ready.finally(() => clearInterval(ticker));
      if (stale()) return;
      app.status = 'running';
      app.progress?.enter('run');
      view.renderStatus();
      const notices: string[] = [];
      const onTruncation = s.useWorker ? 'silent' : (m: string) => notices.push(m);
      const result = await pipeline(...t.args(v), { onTruncation, ...options });
      if (stale()) return;
      app.progress?.finish('run');
      Object.assign(app, {
        lastResult: result,
        lastValues: v,
        lastTimings: pipeline.lastTimings,
        lastCalls: pipeline.lastCalls ?? [],
        notices,
        status: 'done',
        picturesStatus: 'pending',
      });
      app.timeline.result = performance.now();
      view.renderAll();
      view.revealResult();
      // The answer is on screen first; tokens and maps follow, each after a paint.
      await nextPaint();
      if (stale()) return;
      await showTokens(s, source, v, stale);
      await nextPaint();
      if (stale()) return;
      await showPictures(s, source, v, stale);
    } catch (err) {
      if (stale()) return;
      app.status = 'error';
      app.error = errorText(err);
      view.renderAll();
    }
  }

  async function showTokens(s: Settings, source: PlaygroundSource, v: Record<string, string>, stale: () => boolean): Promise<void> {
    try {
      const [text, pair] = s.task.picture(v);
      const list = tokenList(await tokenizerOf(source), text, pair, await maxLengthOf(source));
      if (stale()) return;
      app.lastTokens = list;
      // The worker reports no truncation: the page's own count says it (question answering reads windows instead).
      const cut = s.useWorker && s.task.id !== 'question-answering' ? cutNotice(list) : undefined;
      if (cut && app.notices.length === 0) app.notices = [cut];
    } catch {
      app.lastTokens = undefined;
    }
    app.timeline.tokens = performance.now();
    view.renderResult();
    view.renderTokens();
  }

  async function showPictures(s: Settings, source: PlaygroundSource, v: Record<string, string>, stale: () => boolean): Promise<void> {
    const why = await noMapsReason(source);
    if (why !== undefined) {
      app.picturesStatus = 'none';
      app.picturesError = `No maps: ${why}`;
    } else {
      view.renderPictures();
      try {
        const [text, pair] = s.task.picture(v);
        const data = await pictures(s, source, text, pair);
        if (stale()) return;
        app.lastPictures = data;
        app.picturesStatus = 'done';
      } catch (err) {
        if (stale()) return;
        app.picturesStatus = 'error';
        app.picturesError = `No maps: ${errorText(err)}`;
      }
    }
    view.renderPictures();
    app.timeline.pictures = performance.now();
  }

  return {
    run() {
      if (inFlight()) return lastRun;
      lastRun = runOnce();
      return lastRun;
    },
    invalidate,
    settled: () => lastRun,
  };
}
