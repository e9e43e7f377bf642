import * as web from '@convbert/web';
import PipelineWorkerScript from '@convbert/web/worker?worker';
import { clear, fmt, h } from './dom.js';
import { choiceKey, describeChoice, MemoSource, type ModelChoice, makeSource, workerHubOptions, workerRef } from './models.js';
import { type PictureData, picturesPanel } from './pictures.js';
import { TASKS, type TaskDef, type TaskId } from './tasks.js';
import './style.css';

// ONNX Runtime's files are served by this app under ort/ (see vite.config.ts): never a CDN.
// `?threads=N` overrides the wasm thread count (default: up to 4 on a cross-origin isolated page).
const params = new URLSearchParams(location.search);
const threads = Number(params.get('threads')) || undefined;
const ORT_OPTIONS: web.OrtWebOptions = { wasmPaths: new URL('ort/', document.baseURI).href, numThreads: threads };
web.configureOrt(ORT_OPTIONS);

type Status = 'idle' | 'loading' | 'running' | 'done' | 'error';
type AnyPipeline = ((...a: unknown[]) => Promise<unknown>) & { lastTimings?: web.PipelineTimings; lastCalls?: readonly web.ModelCall[] };

interface Loaded {
  source: web.ModelSource;
  pipeline: AnyPipeline;
}

/** The app's state; tests drive the page through the DOM and read results here. */
const app = {
  task: 'fill-mask' as TaskId,
  device: 'wasm' as web.WebDevice,
  choice: { kind: 'demo' } as ModelChoice,
  useWorker: false,
  status: 'idle' as Status,
  error: undefined as string | undefined,
  values: {} as Record<string, Record<string, string>>,
  lastResult: undefined as unknown,
  lastTimings: undefined as web.PipelineTimings | undefined,
  lastCalls: [] as readonly web.ModelCall[],
  lastPictures: undefined as PictureData | undefined,
  picturesError: undefined as string | undefined,
  webgpu: false,
  run,
};

const loaded = new Map<string, Promise<Loaded>>();
const encoders = new Map<string, Promise<web.ConvBertModel>>();
let worker: web.PipelineWorker | undefined;

const taskDef = (): TaskDef => TASKS.find((t) => t.id === app.task) as TaskDef;

function values(): Record<string, string> {
  const t = taskDef();
  app.values[t.id] ??= { ...Object.fromEntries(t.fields.map((f) => [f.name, f.value])), options: t.options };
  return app.values[t.id] as Record<string, string>;
}

async function getWorker(): Promise<web.PipelineWorker> {
  if (!worker) {
    worker = new web.PipelineWorker(new PipelineWorkerScript());
    await worker.configure(ORT_OPTIONS);
  }
  return worker;
}

function load(): Promise<Loaded> {
  const t = taskDef();
  const key = `${t.id}|${app.device}|${app.useWorker}|${choiceKey(app.choice, t.demo)}`;
  let p = loaded.get(key);
  if (!p) {
    p = (async () => {
      const source = new MemoSource(makeSource(app.choice, t.demo));
      if (app.useWorker) {
        const w = await getWorker();
        const pipeline = (await w.pipeline(t.id, workerRef(app.choice, t.demo) as never, {
          device: app.device,
          graphCache: true,
          ...workerHubOptions(app.choice),
        })) as unknown as AnyPipeline;
        return { source, pipeline };
      }
      const pipeline = (await web.pipeline(t.id, source, {
        device: app.device,
        timings: true,
        graphCache: true,
      })) as unknown as AnyPipeline;
      return { source, pipeline };
    })();
    loaded.set(key, p);
    p.catch(() => loaded.delete(key));
  }
  return p;
}

async function pictures(source: web.ModelSource, text: string, pair: string | null): Promise<PictureData> {
  const key = `${app.device}|${choiceKey(app.choice, taskDef().demo)}`;
  let e = encoders.get(key);
  if (!e) {
    // The graph built from the checkpoint has the attention and kernel outputs an ONNX export lacks.
    e = web.ConvBertModel.fromPretrained(source, { device: app.device, format: 'checkpoint', graphCache: true });
    encoders.set(key, e);
    e.catch(() => encoders.delete(key));
  }
  const encoder = await e;
  const tokenizer = await web.loadTokenizer(source);
  const enc = tokenizer.encode(text, pair, { truncation: true, maxLength: encoder.config?.max_position_embeddings });
  const out = await encoder.forward(
    { inputIds: [enc.inputIds], attentionMask: [enc.attentionMask], tokenTypeIds: [enc.tokenTypeIds] },
    { outputAttentions: true, outputConvKernels: true },
  );
  return { tokens: enc.tokens, attentions: out.attentions ?? [], convKernels: out.convKernels ?? [] };
}

async function run(): Promise<void> {
  const t = taskDef();
  const v = { ...values() };
  app.status = 'loading';
  app.error = undefined;
  app.picturesError = undefined;
  app.lastPictures = undefined;
  render();
  try {
    const { source, pipeline } = await load();
    app.status = 'running';
    renderStatus();
    let options: unknown;
    try {
      options = JSON.parse(v.options || '{}');
    } catch {
      throw new Error(`options is not valid JSON: ${v.options}`);
    }
    const result = await pipeline(...t.args(v), options);
    app.lastResult = result;
    app.lastTimings = pipeline.lastTimings;
    app.lastCalls = pipeline.lastCalls ?? [];
    try {
      const [text, pair] = t.picture(v);
      app.lastPictures = await pictures(source, text, pair);
    } catch (err) {
      app.picturesError = err instanceof Error ? err.message : String(err);
    }
    app.status = 'done';
  } catch (err) {
    app.status = 'error';
    app.error =
      err instanceof Error ? `${(err as { code?: string }).code ? `${(err as { code?: string }).code}: ` : ''}${err.message}` : String(err);
  }
  render();
}

// ---------------------------------------------------------------- view

const root = document.getElementById('app') as HTMLElement;

function renderStatus(): void {
  const el = document.getElementById('status');
  if (el) {
    el.textContent = app.status === 'error' ? `error — ${app.error}` : app.status;
    el.dataset.status = app.status;
  }
}

function modelPanel(): HTMLElement {
  const t = taskDef();
  const c = app.choice;
  const radio = (kind: ModelChoice['kind'], label: string) =>
    h(
      'label',
      {},
      h('input', { type: 'radio', name: 'model-kind', value: kind, checked: c.kind === kind, onchange: () => setChoice(kind) }),
      ` ${label} `,
    );
  const hub = c.kind === 'hub' ? c : { id: '', endpoint: 'https://huggingface.co', revision: 'main' };
  const folder = h('input', { type: 'file', id: 'folder-input', webkitdirectory: true, multiple: true });
  folder.addEventListener('change', () => {
    const files = Array.from(folder.files ?? []);
    if (files.length === 0) return;
    const name = files[0]?.webkitRelativePath.split('/')[0] || 'folder';
    app.choice = {
      kind: 'files',
      files: files.map((f) => ({
        path: f.webkitRelativePath.includes('/') ? f.webkitRelativePath.slice(f.webkitRelativePath.indexOf('/') + 1) : f.name,
        file: f,
      })),
      name,
    };
    render();
  });
  const drop = h(
    'div',
    { id: 'dropzone', class: 'dropzone' },
    'Drop a checkpoint folder here (config.json + vocab.txt + model.safetensors): it is converted to ONNX in this page. Or pick it: ',
    folder,
  );
  drop.addEventListener('dragover', (e) => e.preventDefault());
  drop.addEventListener('drop', async (e) => {
    e.preventDefault();
    if (!e.dataTransfer) return;
    const files = await web.filesFromDataTransfer(e.dataTransfer);
    app.choice = { kind: 'files', files, name: 'dropped folder' };
    render();
  });
  const input = (id: string, value: string, placeholder: string, set: (v: string) => void) =>
    h('input', { id, value, placeholder, oninput: (e: Event) => set((e.target as HTMLInputElement).value) });
  return h(
    'section',
    { class: 'model' },
    h(
      'div',
      {},
      h('strong', {}, 'Model: '),
      radio('demo', `demo${t.demo ? ` (${t.demo})` : ' (none for this task)'}`),
      radio('hub', 'hub id'),
      radio('url', 'folder URL'),
      radio('files', 'dropped folder'),
    ),
    c.kind === 'hub'
      ? h(
          'div',
          { class: 'row' },
          input('hub-id', hub.id, 'owner/name', (v) => setHub({ id: v })),
          input('hub-endpoint', hub.endpoint, 'endpoint', (v) => setHub({ endpoint: v })),
          input('hub-revision', hub.revision, 'revision', (v) => setHub({ revision: v })),
        )
      : null,
    c.kind === 'url'
      ? h(
          'div',
          { class: 'row' },
          input('model-url', c.url, '/models/my-model/ or https://…/', (v) => (app.choice = { kind: 'url', url: v })),
        )
      : null,
    c.kind === 'files' || c.kind === 'demo' ? drop : null,
    h('div', { class: 'muted', id: 'model-desc' }, describeChoice(c, t.demo)),
  );
}

function setChoice(kind: ModelChoice['kind']): void {
  if (kind === 'demo') app.choice = { kind };
  else if (kind === 'hub') app.choice = { kind, id: '', endpoint: 'https://huggingface.co', revision: 'main' };
  else if (kind === 'url') app.choice = { kind, url: '' };
  else app.choice = { kind: 'files', files: [], name: '' };
  render();
}

function setHub(p: Partial<{ id: string; endpoint: string; revision: string }>): void {
  if (app.choice.kind === 'hub') app.choice = { ...app.choice, ...p };
}

function taskForm(): HTMLElement {
  const t = taskDef();
  const v = values();
  return h(
    'form',
    {
      id: 'task-form',
      onsubmit: (e: Event) => {
        e.preventDefault();
        void run();
      },
    },
    ...t.fields.map((f) => {
      const onInput = (e: Event) => {
        v[f.name] = (e.target as HTMLInputElement).value;
      };
      const control = f.rows
        ? h('textarea', { name: f.name, id: `field-${f.name}`, rows: f.rows, oninput: onInput }, v[f.name] ?? '')
        : h('input', { name: f.name, id: `field-${f.name}`, value: v[f.name] ?? '', oninput: onInput });
      return h('label', { class: 'field' }, h('span', {}, f.label), control);
    }),
    h(
      'label',
      { class: 'field' },
      h('span', {}, 'Options (JSON)'),
      h('input', {
        name: 'options',
        id: 'field-options',
        value: v.options ?? '{}',
        oninput: (e: Event) => {
          v.options = (e.target as HTMLInputElement).value;
        },
      }),
    ),
    h('button', { type: 'submit', id: 'run', disabled: app.status === 'loading' || app.status === 'running' }, 'Run'),
  );
}

function timingsView(): HTMLElement | null {
  const tm = app.lastTimings;
  if (!tm || app.status !== 'done') return null;
  return h(
    'p',
    { id: 'timings', class: 'timings' },
    `tokenize ${fmt(tm.tokenizeMs, 1)} ms · run ${fmt(tm.runMs, 1)} ms (${tm.modelCalls} call${tm.modelCalls === 1 ? '' : 's'}) · post-process ${fmt(tm.postprocessMs, 1)} ms · total ${fmt(tm.totalMs, 1)} ms`,
  );
}

function render(): void {
  const t = taskDef();
  const info = web.ortEnvInfo();
  clear(
    root,
    h(
      'header',
      {},
      h('h1', {}, 'ConvBERT playground'),
      h(
        'div',
        { class: 'row' },
        h('strong', {}, 'Backend: '),
        ...web.WEB_DEVICES.map((d) =>
          h(
            'label',
            {},
            h('input', {
              type: 'radio',
              name: 'device',
              value: d,
              id: `device-${d}`,
              checked: app.device === d,
              disabled: d === 'webgpu' && !app.webgpu,
              onchange: () => {
                app.device = d;
                render();
              },
            }),
            ` ${d} `,
          ),
        ),
        h(
          'label',
          {},
          h('input', {
            type: 'checkbox',
            id: 'use-worker',
            checked: app.useWorker,
            onchange: (e: Event) => {
              app.useWorker = (e.target as HTMLInputElement).checked;
            },
          }),
          ' in a Web Worker',
        ),
        h(
          'span',
          { class: 'muted' },
          ` · ${crossOriginIsolated ? 'cross-origin isolated' : 'not isolated'} · wasm threads ${info.initialized ? info.numThreads : web.defaultNumThreads()} · WebGPU ${app.webgpu ? 'available' : 'unavailable'}`,
        ),
      ),
    ),
    h(
      'nav',
      { class: 'tabs' },
      ...TASKS.map((x) =>
        h('button', { type: 'button', 'data-task': x.id, class: x.id === t.id ? 'active' : '', onclick: () => selectTask(x.id) }, x.title),
      ),
    ),
    modelPanel(),
    taskForm(),
    h('p', { id: 'status', 'data-status': app.status }, app.status === 'error' ? `error — ${app.error}` : app.status),
    timingsView() ?? '',
    h('section', { id: 'output' }, app.status === 'done' ? t.render(app.lastResult, values()) : ''),
    app.status === 'done' && app.lastResult !== undefined
      ? h(
          'details',
          {},
          h('summary', {}, 'raw result'),
          h(
            'pre',
            { id: 'raw' },
            JSON.stringify(app.lastResult, (_k, x) => (x instanceof Float32Array ? `Float32Array(${x.length})` : x), 2),
          ),
        )
      : '',
    app.lastPictures
      ? picturesPanel(app.lastPictures)
      : app.picturesError
        ? h('p', { class: 'muted', id: 'pictures-error' }, `No pictures: ${app.picturesError}`)
        : '',
  );
}

function selectTask(id: TaskId): void {
  app.task = id;
  app.status = 'idle';
  app.lastPictures = undefined;
  app.picturesError = undefined;
  render();
}

(window as unknown as { convbert: unknown }).convbert = { web, app };
render();
void web.isWebGpuAvailable().then((ok) => {
  app.webgpu = ok;
  render();
});
