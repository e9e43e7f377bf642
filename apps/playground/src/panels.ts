// The parts of a tab that show a run: the status line (a live region: each new sentence is
// announced), the loading stages, the result with its timings and truncation notice, the tokens,
// and the maps.
import { clear, fmt, h } from './dom.js';
import { picturesPanel } from './pictures.js';
import { progressView } from './progress.js';
import { type AppState, isBusy, taskOf } from './state.js';
import { tokensView } from './tokens.js';

function statusText(app: AppState): string {
  const tl = app.timeline;
  switch (app.status) {
    case 'idle':
      return 'Ready: press Run, pick an example, or press Ctrl+Enter in a text box.';
    case 'loading':
      return app.progress?.doing || 'Loading the model…';
    case 'running':
      return 'Running…';
    case 'done':
      return `Done in ${fmt(((tl.result ?? 0) - (tl.start ?? 0)) / 1000, 2)} s.`;
    case 'no-model':
      return 'Not run: this tab’s demo model is not on this site yet (see the note above).';
    case 'error':
      return `error — ${app.error}`;
  }
}

export function createPanels(app: AppState) {
  const statusEl = h('p', { id: 'status', role: 'status', 'aria-live': 'polite', 'data-status': 'idle' });
  const progressEl = h('div', { id: 'progress' });
  const resultEl = h('section', { id: 'result', 'aria-labelledby': 'result-heading', hidden: true });
  const tokensEl = h('div', { id: 'tokens-slot' });
  const picturesEl = h('div', { id: 'pictures-slot' });

  function renderStatus(): void {
    const text = statusText(app);
    // Only a changed sentence is written: the live region announces each write.
    if (statusEl.textContent !== text) statusEl.textContent = text;
    statusEl.dataset.status = app.status;
    // aria-disabled, not disabled: a disabled button would drop the keyboard focus.
    document.getElementById('run')?.setAttribute('aria-disabled', String(isBusy(app)));
  }

  function renderProgress(): void {
    const p = app.progress;
    progressEl.hidden = p === undefined;
    clear(progressEl, p ? progressView(p) : null);
  }

  function renderResult(): void {
    const t = taskOf(app);
    const tm = app.lastTimings;
    const done = app.status === 'done';
    resultEl.hidden = !done;
    clear(
      resultEl,
      ...(done
        ? [
            h('h3', { id: 'result-heading' }, 'Result'),
            app.notices.length > 0 ? h('p', { id: 'truncation-notice', class: 'notice', role: 'note' }, app.notices.join(' ')) : null,
            h('div', { id: 'output', 'data-result': t.id }, t.render(app.lastResult, app.lastValues)),
            tm
              ? h(
                  'p',
                  { id: 'timings', class: 'timings' },
                  `tokenize ${fmt(tm.tokenizeMs, 1)} ms · run ${fmt(tm.runMs, 1)} ms (${tm.modelCalls} call${tm.modelCalls === 1 ? '' : 's'}) · post-process ${fmt(tm.postprocessMs, 1)} ms · total ${fmt(tm.totalMs, 1)} ms`,
                )
              : null,
            h(
              'details',
              {},
              h('summary', {}, 'Raw result'),
              h(
                'pre',
                { id: 'raw' },
                JSON.stringify(app.lastResult, (_k, x) => (x instanceof Float32Array ? `Float32Array(${x.length})` : x), 2),
              ),
            ),
          ]
        : []),
    );
  }

  /** A result that starts low on the screen (a phone, a long form) is scrolled up into view. */
  function revealResult(): void {
    const top = resultEl.getBoundingClientRect().top;
    if (top > window.innerHeight * 0.7) window.scrollBy({ top: top - 16, behavior: 'instant' });
  }

  function renderTokens(): void {
    clear(tokensEl, app.status === 'done' && app.lastTokens ? tokensView(app.lastTokens) : null);
  }

  function renderPictures(): void {
    let content: HTMLElement | null = null;
    if (app.status === 'done') {
      if (app.lastPictures) content = picturesPanel(app.lastPictures);
      else if (app.picturesError) content = h('p', { class: 'notice', id: 'pictures-error' }, app.picturesError);
      else content = h('p', { class: 'muted', id: 'pictures-pending' }, 'Drawing the attention maps and convolution kernels…');
    }
    clear(picturesEl, content);
  }

  return {
    elements: [statusEl, progressEl, resultEl, tokensEl, picturesEl],
    renderStatus,
    renderProgress,
    renderResult,
    revealResult,
    renderTokens,
    renderPictures,
  };
}
