// The Web Worker side of `PipelineWorker`: `new Worker(new URL('@convbert/web/worker', …), { type: 'module' })`
// or, with Vite, `import W from '@convbert/web/worker?worker'`. It loads pipelines and runs them
// here, so tokenization, inference and post-processing never block the page.
import type { PipelineTask } from '@convbert/heads';
import { configureOrt } from '../backend/env.js';
import { pipeline, type WebPipeline } from '../platform.js';
import { FileSource } from '../sources/file-source.js';
import type { Request, Response } from './protocol.js';

interface WorkerScope {
  addEventListener(type: 'message', listener: (e: MessageEvent<Request>) => void): void;
  postMessage(message: Response): void;
}
const scope = globalThis as unknown as WorkerScope;
const pipelines = new Map<number, WebPipeline<PipelineTask>>();
let nextHandle = 1;

async function handle(req: Request): Promise<{ value: unknown; timings?: unknown }> {
  switch (req.type) {
    case 'configure':
      configureOrt(req.options);
      return { value: null };
    case 'pipeline': {
      const model = typeof req.model === 'string' ? req.model : new FileSource(req.model.files, req.model.id);
      const p = await pipeline(req.task as PipelineTask, model, { ...req.options, timings: true });
      const h = nextHandle++;
      pipelines.set(h, p);
      return { value: h };
    }
    case 'run': {
      const p = pipelines.get(req.handle);
      if (p === undefined) throw Object.assign(new Error('this pipeline was disposed'), { code: 'WORKER_FAILED' });
      const value = await (p as unknown as (...a: unknown[]) => Promise<unknown>)(...req.args);
      return { value, timings: p.lastTimings };
    }
    case 'dispose': {
      const p = pipelines.get(req.handle);
      pipelines.delete(req.handle);
      await p?.dispose();
      return { value: null };
    }
  }
}

scope.addEventListener('message', (e) => {
  const req = e.data;
  handle(req).then(
    ({ value, timings }) => scope.postMessage({ id: req.id, ok: true, value, timings }),
    (err: unknown) => {
      const e2 = err as { name?: string; message?: string; code?: string };
      scope.postMessage({
        id: req.id,
        ok: false,
        error: { name: e2?.name ?? 'Error', message: e2?.message ?? String(err), code: e2?.code },
      });
    },
  );
});
