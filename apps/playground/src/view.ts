// The page, built once: header (backend, worker), the ARIA tabs, and the tab panel — heading,
// examples, model box, form, status (announced), progress, result, tokens, maps. Each part is
// re-drawn on its own, so keyboard focus, a picked folder and typed text stay where they are.
import * as web from '@convbert/web';
import { clear, h } from './dom.js';
import { modelBox } from './model-box.js';
import { describeChoice, type ModelChoice, NoDemoModel } from './models.js';
import { createPanels } from './panels.js';
import type { RunView } from './runner.js';
import { type AppState, taskOf, valuesOf } from './state.js';
import { taskForm } from './task-form.js';
import { TASKS, type TaskId } from './tasks.js';

export interface ViewActions {
  run(): void;
  selectTask(id: TaskId): void;
  /** The backend, the worker switch or the model changed. */
  settingsChanged(): void;
}

export interface View extends RunView {
  renderTask(): void;
}

export function createView(root: HTMLElement, app: AppState, actions: ViewActions): View {
  const panels = createPanels(app);
  const titleEl = h('h2', { id: 'task-title' });
  const introEl = h('p', { id: 'task-intro' });
  const noteEl = h('p', { id: 'demo-note', class: 'notice', role: 'note', hidden: true });
  const examplesEl = h('div', { class: 'examples', role: 'group', 'aria-label': 'Examples' });
  const formSlot = h('div', { id: 'form-slot' });
  const envEl = h('span', { class: 'muted', id: 'env' });
  const box = modelBox(
    (choice: ModelChoice) => {
      app.choice = choice;
      actions.settingsChanged();
    },
    () => app.choice,
  );

  const tabs = TASKS.map((x) => {
    const tab = h('button', { type: 'button', role: 'tab', id: `tab-${x.id}`, 'data-task': x.id, 'aria-controls': 'task-panel' }, x.title);
    tab.addEventListener('click', () => actions.selectTask(x.id));
    return tab;
  });
  const tablist = h('div', { role: 'tablist', 'aria-label': 'Tasks', class: 'tabs' }, ...tabs);
  // Arrow keys move between tabs (and select them), as the ARIA tabs pattern has it.
  tablist.addEventListener('keydown', (e) => {
    const at = tabs.findIndex((b) => b.getAttribute('aria-selected') === 'true');
    const to = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: tabs.length - 1 }[e.key];
    if (to === undefined) return;
    e.preventDefault();
    const next = tabs[(to + tabs.length) % tabs.length] as HTMLButtonElement;
    actions.selectTask(next.dataset.task as TaskId);
    next.focus();
  });

  const deviceRadios = web.WEB_DEVICES.map((d) => {
    const input = h('input', { type: 'radio', name: 'device', value: d, id: `device-${d}` });
    input.addEventListener('change', () => {
      app.device = d;
      actions.settingsChanged();
    });
    return { d, input, label: h('label', { class: 'choice', for: `device-${d}` }, input, ` ${d}`) };
  });
  const workerInput = h('input', { type: 'checkbox', id: 'use-worker' });
  workerInput.addEventListener('change', () => {
    app.useWorker = workerInput.checked;
    actions.settingsChanged();
  });

  const panel = h(
    'section',
    { role: 'tabpanel', id: 'task-panel' },
    titleEl,
    introEl,
    noteEl,
    examplesEl,
    box.element,
    formSlot,
    ...panels.elements,
  );
  clear(
    root,
    h(
      'header',
      { class: 'top' },
      h('h1', {}, 'ConvBERT playground'),
      h('p', { class: 'lead' }, 'Every ConvBERT task, run in this page on ONNX Runtime Web: your text never leaves the browser.'),
      h(
        'div',
        { class: 'settings' },
        h('fieldset', { class: 'inline' }, h('legend', {}, 'Backend'), ...deviceRadios.map((r) => r.label)),
        h('label', { class: 'choice', for: 'use-worker' }, workerInput, ' in a Web Worker'),
        envEl,
      ),
    ),
    h('main', {}, tablist, panel),
  );

  function renderTabs(): void {
    for (const tab of tabs) {
      const on = tab.dataset.task === app.task;
      tab.setAttribute('aria-selected', String(on));
      tab.tabIndex = on ? 0 : -1;
      tab.classList.toggle('active', on);
    }
    panel.setAttribute('aria-labelledby', `tab-${app.task}`);
  }

  function renderForm(): void {
    clear(formSlot, taskForm(taskOf(app), valuesOf(app), actions.run));
  }

  function renderAll(): void {
    const t = taskOf(app);
    for (const r of deviceRadios) {
      r.input.checked = app.device === r.d;
      r.input.disabled = r.d === 'webgpu' && !app.webgpu;
    }
    workerInput.checked = app.useWorker;
    const info = web.ortEnvInfo();
    envEl.textContent = `${crossOriginIsolated ? 'cross-origin isolated' : 'not isolated'} · wasm threads ${info.initialized ? info.numThreads : web.defaultNumThreads()} · WebGPU ${app.webgpu ? 'available' : 'unavailable'}`;
    const absent = app.choice.kind === 'demo' && !app.demoIndex[t.demo];
    noteEl.hidden = !absent;
    noteEl.textContent = absent ? new NoDemoModel(t.demo).message : '';
    box.update(
      app.choice,
      app.demoIndex[t.demo] ? t.demo : `${t.demo}, not on this site yet`,
      describeChoice(app.choice, t.demo, app.demoIndex),
    );
    panels.renderStatus();
    panels.renderProgress();
    panels.renderResult();
    panels.renderTokens();
    panels.renderPictures();
  }

  /** Everything that depends on the tab (after a tab switch). */
  function renderTask(): void {
    const t = taskOf(app);
    renderTabs();
    titleEl.textContent = t.title;
    introEl.textContent = `${t.intro} Demo model: ${t.demo}.`;
    clear(
      examplesEl,
      h('span', { class: 'muted' }, 'Examples: '),
      ...t.examples.map((ex) =>
        h(
          'button',
          {
            type: 'button',
            class: 'example',
            onclick: () => {
              app.values[t.id] = { ...ex.values, options: valuesOf(app, t).options ?? t.options };
              renderForm();
              actions.run();
            },
          },
          ex.title,
        ),
      ),
    );
    renderForm();
    renderAll();
  }

  let frame = 0;
  return {
    renderTask,
    renderAll,
    renderStatus: panels.renderStatus,
    progress() {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        panels.renderProgress();
        panels.renderStatus();
      });
    },
    revealResult: panels.revealResult,
    renderResult: panels.renderResult,
    renderTokens: panels.renderTokens,
    renderPictures: panels.renderPictures,
  };
}
