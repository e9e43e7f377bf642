/** `h('div', { class: 'x' }, child, …)`: a small element builder (no framework). */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number | boolean | ((e: Event) => void) | undefined> = {},
  ...children: (Node | string | null | undefined | false)[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    if (typeof v === 'function') el.addEventListener(k.replace(/^on/, ''), v as EventListener);
    else if (v === true) el.setAttribute(k, '');
    else el.setAttribute(k, String(v));
  }
  for (const c of children) if (c !== null && c !== undefined && c !== false) el.append(c);
  return el;
}

export function clear(el: Element, ...children: (Node | string)[]): void {
  el.replaceChildren(...children);
}

/** Python-style (code point) offsets → a JS string slice. */
export function cpSlice(text: string, start: number, end?: number): string {
  return Array.from(text).slice(start, end).join('');
}

/** Text with `[start, end)` code-point spans wrapped in `<mark>` (spans sorted, not overlapping). */
export function highlight(text: string, spans: { start: number; end: number; label?: string; title?: string }[]): DocumentFragment {
  const chars = Array.from(text);
  const frag = document.createDocumentFragment();
  let at = 0;
  for (const s of [...spans].sort((a, b) => a.start - b.start)) {
    if (s.start < at) continue;
    frag.append(chars.slice(at, s.start).join(''));
    const mark = h('mark', { 'data-label': s.label, title: s.title }, chars.slice(s.start, s.end).join(''));
    if (s.label) mark.append(h('sub', {}, s.label));
    frag.append(mark);
    at = s.end;
  }
  frag.append(chars.slice(at).join(''));
  return frag;
}

export const fmt = (x: number, digits = 3) => (Number.isFinite(x) ? x.toFixed(digits) : String(x));
