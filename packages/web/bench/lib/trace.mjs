// Where a page's main thread spends a load: a Chromium trace (Playwright's browser.startTracing)
// summarised as busy time per window of the timeline and the costliest V8 / wasm / loading events.
// It answers "what is the page's thread doing while the files arrive", which the loading steps'
// timestamps cannot (they are noted on that same thread, so a busy thread delays them too).

/** Trace categories: the renderer's tasks, V8's compilation (wasm included) and blink's loading. */
export const TRACE_CATEGORIES = [
  'toplevel',
  'devtools.timeline',
  'v8',
  'v8.wasm',
  'disabled-by-default-v8.compile',
  'disabled-by-default-v8.wasm.detailed',
  'blink',
  'loading',
];

/** The renderer main thread with the most events (the page's), as { pid, tid }. */
function pageMainThread(events) {
  const mains = events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  let best;
  let bestCount = -1;
  for (const m of mains) {
    const count = events.reduce((n, e) => n + (e.pid === m.pid && e.tid === m.tid ? 1 : 0), 0);
    if (count > bestCount) [best, bestCount] = [m, count];
  }
  return best && { pid: best.pid, tid: best.tid };
}

/**
 * Busy milliseconds of the page's main thread per `windowMs` window, counted from the page's
 * navigation (`navigationStart`, else the thread's first event), and the event names that took
 * the most time there (nested events count inside their parents too).
 */
export function summariseTrace(json, windowMs = 500) {
  const events = Array.isArray(json) ? json : json.traceEvents;
  const main = pageMainThread(events);
  if (!main) return { windows: [], top: [], origin: 0 };
  const own = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && typeof e.dur === 'number');
  const nav = events.filter((e) => e.pid === main.pid && e.name === 'navigationStart').map((e) => e.ts);
  const origin = nav.length ? Math.max(...nav) : Math.min(...own.map((e) => e.ts));
  // Top-level tasks: what the thread's scheduler ran (busy time without double counting).
  const tasks = own.filter((e) => e.name === 'ThreadControllerImpl::RunTask' || e.name === 'RunTask');
  const windows = [];
  for (const t of tasks) {
    let start = (t.ts - origin) / 1000;
    const end = start + t.dur / 1000;
    while (start < end) {
      const w = Math.max(0, Math.floor(start / windowMs));
      const wEnd = (w + 1) * windowMs;
      const part = Math.min(end, wEnd) - start;
      windows[w] = (windows[w] ?? 0) + (start >= 0 ? part : 0);
      start = Math.min(end, wEnd);
    }
  }
  const byName = new Map();
  for (const e of own) {
    if (e.name === 'ThreadControllerImpl::RunTask' || e.name === 'RunTask') continue;
    const s = byName.get(e.name) ?? { ms: 0, count: 0 };
    s.ms += e.dur / 1000;
    s.count++;
    byName.set(e.name, s);
  }
  const top = [...byName.entries()].sort((a, b) => b[1].ms - a[1].ms).slice(0, 14);
  return { windows: Array.from(windows, (x) => x ?? 0), top, origin };
}

/** Per thread, most first: its top-level tasks' milliseconds, and V8's wasm compilation apart (on the page's thread also inside its tasks; on the worker threads, the background tier-up). */
export function threadsBusy(json) {
  const events = Array.isArray(json) ? json : json.traceEvents;
  const names = new Map(events.filter((e) => e.ph === 'M' && e.name === 'thread_name').map((e) => [`${e.pid}:${e.tid}`, e.args?.name]));
  const busy = new Map();
  for (const e of events) {
    if (e.ph !== 'X' || typeof e.dur !== 'number') continue;
    if (e.name !== 'ThreadControllerImpl::RunTask' && e.name !== 'RunTask' && !e.name.startsWith('wasm.')) continue;
    const k = `${e.pid}:${e.tid}`;
    const s = busy.get(k) ?? { ms: 0, wasm: 0 };
    if (e.name.startsWith('wasm.')) s.wasm += e.dur / 1000;
    else s.ms += e.dur / 1000;
    busy.set(k, s);
  }
  return [...busy.entries()]
    .sort((a, b) => b[1].ms + b[1].wasm - a[1].ms - a[1].wasm)
    .slice(0, 8)
    .map(([k, s]) => ({ thread: `${names.get(k) ?? '?'} (${k})`, ...s }));
}
