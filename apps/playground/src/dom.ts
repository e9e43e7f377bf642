import { type Span, segments } from './spans.js';

type Attr = string | number | boolean | ((e: Event) => void) | undefined;
type Child = Node | string | null | undefined | false;

/** `h('div', { class: 'x' }, child, …)`: a small element builder (no framework). */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, Attr> = {},
  ...children: Child[]
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

export function clear(el: Element, ...children: Child[]): void {
  el.replaceChildren(...children.filter((c): c is Node | string => c !== null && c !== undefined && c !== false));
}

/** Text with spans wrapped in `<mark>` (UTF-16 offsets, see spans.ts). */
export function highlight(text: string, spans: readonly Span[]): DocumentFragment {
  const frag = document.createDocumentFragment();
  for (const seg of segments(text, spans)) {
    if (!seg.span) {
      frag.append(seg.text);
      continue;
    }
    const s = seg.span;
    // The span's own text apart from its label, so that it reads (and tests) as text.slice(start, end).
    const mark = h('mark', { 'data-label': s.label, class: s.kind, title: s.title }, h('span', { class: 'mark-text' }, seg.text));
    if (s.label) mark.append(h('span', { class: 'mark-label' }, ` ${s.label}`));
    frag.append(mark);
  }
  return frag;
}

export const fmt = (x: number, digits = 3) => (Number.isFinite(x) ? x.toFixed(digits) : String(x));

/** Lets the browser paint what was just put on the page before more work starts. */
export function nextPaint(): Promise<void> {
  return new Promise((ok) => requestAnimationFrame(() => setTimeout(ok, 0)));
}
