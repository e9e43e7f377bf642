// The playground: ONNX Runtime's settings, the state, the page and the runner, wired together.
import * as web from '@convbert/web';
import { loadDemoIndex } from './models.js';
import { createRunner, type Runner } from './runner.js';
import { createState } from './state.js';
import { createView } from './view.js';
import './style.css';

// ONNX Runtime's files are served by this app under ort/ (see vite.config.ts): never a CDN.
// `?threads=N` overrides the wasm thread count (default: up to 4 on a cross-origin isolated page).
// Its log level is `error`: its warnings (WebGPU's print raw ANSI colour codes) are not for visitors.
const params = new URLSearchParams(location.search);
const threads = Number(params.get('threads')) || undefined;
const ORT_OPTIONS: web.OrtWebOptions = { wasmPaths: new URL('ort/', document.baseURI).href, numThreads: threads, logLevel: 'error' };
web.configureOrt(ORT_OPTIONS);

const app = createState();
let runner: Runner | undefined;
const view = createView(document.getElementById('app') as HTMLElement, app, {
  run: () => void runner?.run(),
  selectTask(id) {
    if (id === app.task) return;
    app.task = id;
    runner?.invalidate();
    view.renderTask();
  },
  settingsChanged() {
    runner?.invalidate();
    view.renderAll();
  },
});
runner = createRunner(app, view, ORT_OPTIONS);
const { run, settled } = runner;

(window as unknown as { convbert: unknown }).convbert = { web, app: Object.assign(app, { run, settled }) };
view.renderTask();
void loadDemoIndex().then((index) => {
  app.demoIndex = index;
  view.renderAll();
});
void web.isWebGpuAvailable().then((ok) => {
  app.webgpu = ok;
  view.renderAll();
});
