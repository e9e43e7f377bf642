// The playground's state: what is chosen (tab, backend, model) and what the last run gave.
// Tests drive the page through the DOM and read results here (`window.convbert.app`).
import type * as web from '@convbert/web';
import type { DemoIndex } from './demos.js';
import type { ModelChoice } from './models.js';
import type { PictureData } from './pictures.js';
import type { LoadProgress } from './progress.js';
import { type TaskDef, type TaskId, taskById } from './tasks.js';
import type { TokenList } from './tokens.js';

export type Status = 'idle' | 'loading' | 'running' | 'done' | 'error' | 'no-model';
export type PicturesStatus = 'idle' | 'pending' | 'done' | 'error' | 'none';

export function createState() {
  return {
    task: 'fill-mask' as TaskId,
    device: 'wasm' as web.WebDevice,
    choice: { kind: 'demo' } as ModelChoice,
    useWorker: false,
    status: 'idle' as Status,
    error: undefined as string | undefined,
    /** Each tab's inputs (and options), kept across tab switches. */
    values: {} as Record<string, Record<string, string>>,
    lastResult: undefined as unknown,
    /** The inputs the last result answers (the boxes may have changed since). */
    lastValues: {} as Record<string, string>,
    lastTimings: undefined as web.PipelineTimings | undefined,
    lastCalls: [] as readonly web.ModelCall[],
    /** Truncation messages of the last run (shown next to its result). */
    notices: [] as string[],
    lastTokens: undefined as TokenList | undefined,
    lastPictures: undefined as PictureData | undefined,
    picturesStatus: 'idle' as PicturesStatus,
    picturesError: undefined as string | undefined,
    progress: undefined as LoadProgress | undefined,
    /** performance.now() of the last run's click, result, tokens and maps. */
    timeline: {} as { start?: number; result?: number; tokens?: number; pictures?: number },
    /** Runs whose result was dropped because the tab (or backend, or model) changed meanwhile. */
    dropped: 0,
    demoIndex: {} as DemoIndex,
    webgpu: false,
  };
}

export type AppState = ReturnType<typeof createState>;

export const taskOf = (app: AppState): TaskDef => taskById(app.task);

/** The tab's inputs: its first example until the visitor types. */
export function valuesOf(app: AppState, t: TaskDef = taskOf(app)): Record<string, string> {
  app.values[t.id] ??= { ...(t.examples[0]?.values ?? {}), options: t.options };
  return app.values[t.id] as Record<string, string>;
}

export const isBusy = (app: AppState) => app.status === 'loading' || app.status === 'running';
