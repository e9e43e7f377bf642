// How each task's result is shown: the answer in the words of the input (the filled mask, the
// entities and the answer marked in the text), scores as bars, one colour per entity type.
import { fmt, h, highlight } from './dom.js';
import type { Span } from './spans.js';

type Label = { label: string; score: number };
type Entity = { entity?: string; entity_group?: string; score: number; word: string; start: number; end: number };
type Answer = { answer: string; score: number; start: number; end: number };
type Choice = { index: number; choice: string; score: number };
type Fill = { token: number; token_str: string; score: number; sequence: string };
type Vec = { data: Float32Array; dims: number[] };

export type Values = Record<string, string>;

function bars(caption: string, rows: { name: Node | string; score: number }[]): HTMLElement {
  return h(
    'table',
    { class: 'bars' },
    h('caption', { class: 'visually-hidden' }, caption),
    h('thead', { class: 'visually-hidden' }, h('tr', {}, h('th', {}, 'item'), h('th', {}, 'bar'), h('th', {}, 'score'))),
    h(
      'tbody',
      {},
      ...rows.map((r) =>
        h(
          'tr',
          {},
          h('td', { class: 'name' }, r.name),
          h(
            'td',
            { class: 'bar', 'aria-hidden': 'true' },
            h('span', { style: `width:${Math.max(0, Math.min(100, r.score * 100)).toFixed(1)}%` }),
          ),
          h('td', { class: 'num' }, fmt(r.score, 4)),
        ),
      ),
    ),
  );
}

const list = <T>(r: unknown): T[] => (Array.isArray(r) ? (r as T[]) : [r as T]);

/** The input text with mask `which` filled by `word` (marked); the other masks stay as they are. */
function filled(text: string, mask: string, which: number, word: string): DocumentFragment {
  const parts = text.split(mask);
  const frag = document.createDocumentFragment();
  parts.forEach((p, i) => {
    frag.append(p);
    if (i === parts.length - 1) return;
    frag.append(i === which ? h('mark', { class: 'filled' }, h('span', { class: 'mark-text' }, word)) : mask);
  });
  return frag;
}

export function fillMaskView(r: unknown, v: Values): Node {
  const lists = (Array.isArray((r as unknown[])[0]) ? r : [r]) as Fill[][];
  const text = v.text ?? '';
  return h(
    'div',
    {},
    ...lists.map((l, i) =>
      h(
        'div',
        { class: 'mask-result' },
        lists.length > 1 ? h('h4', {}, `Mask ${i + 1} of ${lists.length}`) : null,
        bars(
          `predictions for mask ${i + 1}`,
          l.map((p) => ({ name: filled(text, '[MASK]', i, p.token_str), score: p.score })),
        ),
      ),
    ),
  );
}

export function classificationView(r: unknown): Node {
  const labels = list<Label>(r);
  return bars(
    'labels',
    labels.map((l) => ({ name: l.label, score: l.score })),
  );
}

const ENTITY_KINDS = ['PER', 'ORG', 'LOC', 'MISC'];

/** B-PER / I-PER / PER → PER. */
const entityType = (e: Entity) => (e.entity_group ?? e.entity ?? '').replace(/^[BIES]-/, '');
const entityClass = (type: string) => `ent ent-${ENTITY_KINDS.includes(type) ? type : 'other'}`;

export function entitiesView(r: unknown, v: Values): Node {
  const ents = list<Entity>(r);
  const text = v.text ?? '';
  const types = [...new Set(ents.map(entityType))];
  const spans: Span[] = ents.map((e) => ({
    start: e.start,
    end: e.end,
    label: e.entity_group ?? e.entity,
    title: `${entityType(e)} ${fmt(e.score)}`,
    kind: entityClass(entityType(e)),
  }));
  return h(
    'div',
    {},
    h('p', { class: 'highlighted', id: 'entities-text' }, highlight(text, spans)),
    types.length > 0
      ? h(
          'ul',
          { class: 'legend', 'aria-label': 'entity types' },
          ...types.map((t) => h('li', {}, h('span', { class: `swatch ${entityClass(t)}`, 'aria-hidden': 'true' }), t)),
        )
      : h('p', {}, 'No entities found.'),
    ents.length > 0
      ? bars(
          'entities',
          ents.map((e) => ({ name: `${entityType(e)}: ${text.slice(e.start, e.end)}`, score: e.score })),
        )
      : null,
  );
}

/** `…before [answer] after…`: an answer in its surroundings. */
function snippet(context: string, a: Answer, around = 40): DocumentFragment {
  const from = Math.max(0, a.start - around);
  const to = Math.min(context.length, a.end + around);
  const frag = highlight(context.slice(from, to), [{ start: a.start - from, end: a.end - from }]);
  if (from > 0) frag.prepend('…');
  if (to < context.length) frag.append('…');
  return frag;
}

export function answersView(r: unknown, v: Values): Node {
  const answers = list<Answer>(r).filter((a) => a !== null && a !== undefined);
  const context = v.context ?? '';
  const best = answers[0];
  return h(
    'div',
    {},
    h(
      'p',
      { class: 'highlighted', id: 'answer-context' },
      highlight(
        context,
        best && best.end > best.start ? [{ start: best.start, end: best.end, label: 'answer', title: fmt(best.score) }] : [],
      ),
    ),
    h(
      'ol',
      { class: 'answers' },
      ...answers.map((a) =>
        h(
          'li',
          {},
          h('strong', { class: 'answer' }, `“${context.slice(a.start, a.end)}”`),
          ` score ${fmt(a.score, 4)}`,
          answers.length > 1 ? h('span', { class: 'snippet' }, ' — ', snippet(context, a)) : null,
        ),
      ),
    ),
  );
}

export function choicesView(r: unknown): Node {
  const choices = list<Choice>(r);
  return bars(
    'choices',
    choices.map((c) => ({ name: c.choice, score: c.score })),
  );
}

function cosine(a: Float32Array, b: Float32Array): number {
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < a.length; i++) {
    ab += (a[i] as number) * (b[i] as number);
    aa += (a[i] as number) ** 2;
    bb += (b[i] as number) ** 2;
  }
  return ab / Math.sqrt(aa * bb);
}

export function similarityView(r: unknown, v: Values): Node {
  const [a, b] = r as Vec[];
  const pooled = a !== undefined && b !== undefined && a.dims.length === 1 && a.data.length === b.data.length;
  if (!pooled)
    return h('p', {}, `Vectors of shape [${a?.dims.join(', ') ?? ''}]: a similarity needs pooled vectors (pooling "mean" or "cls").`);
  const sim = cosine(a.data, b.data);
  let pooling = 'mean';
  try {
    pooling = (JSON.parse(v.options || '{}') as { pooling?: string }).pooling ?? 'mean';
  } catch {}
  return h(
    'div',
    {},
    h('p', { class: 'similarity' }, `cosine similarity (${pooling} pooling): ${fmt(sim, 4)}`),
    h(
      'div',
      { class: 'sim-scale', 'aria-hidden': 'true' },
      h('span', { class: 'sim-fill', style: `width:${(((sim + 1) / 2) * 100).toFixed(1)}%` }),
      h('span', { class: 'sim-ticks' }, h('span', {}, '−1 opposite'), h('span', {}, '0 unrelated'), h('span', {}, '1 same')),
    ),
    h('p', { class: 'muted' }, `two vectors of ${a.data.length} values`),
  );
}
