// The six tasks: their inputs, how they call the pipeline, how results are shown, and which
// sequence the pictures show.
import type { PipelineTask } from '@convbert/web';
import { cpSlice, fmt, h, highlight } from './dom.js';

export type TaskId =
  | 'fill-mask'
  | 'text-classification'
  | 'token-classification'
  | 'question-answering'
  | 'multiple-choice'
  | 'feature-extraction';

export interface TaskDef {
  id: TaskId;
  title: string;
  /** The embedded demo model that fits the task, if any. */
  demo?: string;
  fields: { name: string; label: string; value: string; rows?: number }[];
  /** Default options of the call, as JSON (editable in the page). */
  options: string;
  /** Arguments of the pipeline call before its options. */
  args(v: Record<string, string>): unknown[];
  render(result: unknown, v: Record<string, string>): Node;
  /** The (text, pair) whose attention and kernels are drawn. */
  picture(v: Record<string, string>): [string, string | null];
}

type Label = { label: string; score: number };
type Entity = { entity?: string; entity_group?: string; score: number; word: string; start: number; end: number };
type Answer = { answer: string; score: number; start: number; end: number };
type Choice = { index: number; choice: string; score: number };
type Fill = { token: number; token_str: string; score: number; sequence: string };
type Vec = { data: Float32Array; dims: number[] };

function bars(rows: { name: string; score: number }[]): HTMLElement {
  return h(
    'table',
    { class: 'bars' },
    ...rows.map((r) =>
      h(
        'tr',
        {},
        h('td', {}, r.name),
        h('td', { class: 'bar' }, h('span', { style: `width:${Math.round(r.score * 100)}%` })),
        h('td', { class: 'num' }, fmt(r.score, 4)),
      ),
    ),
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

export const TASKS: TaskDef[] = [
  {
    id: 'fill-mask',
    title: 'Fill-mask',
    demo: 'convbert-mini-mlm',
    fields: [{ name: 'text', label: 'Text with [MASK]', value: 'the movie was [MASK] good .' }],
    options: '{ "topK": 5 }',
    args: (v) => [v.text],
    render: (r) => {
      const lists = (Array.isArray((r as unknown[])[0]) ? r : [r]) as Fill[][];
      return h('div', {}, ...lists.map((l) => bars(l.map((p) => ({ name: `${p.token_str} — “${p.sequence}”`, score: p.score })))));
    },
    picture: (v) => [v.text ?? '', null],
  },
  {
    id: 'text-classification',
    title: 'Text classification',
    demo: 'convbert-mini-sst2',
    fields: [
      { name: 'text', label: 'Text', value: 'A touching, beautifully made film.' },
      { name: 'pair', label: 'Second text (optional: sentence pairs)', value: '' },
    ],
    options: '{ "topK": null }',
    args: (v) => [v.pair?.trim() ? { text: v.text, textPair: v.pair } : v.text],
    render: (r) => bars((r as Label[]).map((l) => ({ name: l.label, score: l.score }))),
    picture: (v) => [v.text ?? '', v.pair?.trim() ? (v.pair as string) : null],
  },
  {
    id: 'token-classification',
    title: 'Token classification',
    fields: [{ name: 'text', label: 'Text', value: 'My name is Wolfgang and I live in Berlin.' }],
    options: '{ "aggregationStrategy": "simple" }',
    args: (v) => [v.text],
    render: (r, v) => {
      const ents = r as Entity[];
      return h(
        'div',
        {},
        h(
          'p',
          { class: 'highlighted' },
          highlight(
            v.text ?? '',
            ents.map((e) => ({ start: e.start, end: e.end, label: e.entity_group ?? e.entity, title: fmt(e.score) })),
          ),
        ),
        bars(ents.map((e) => ({ name: `${e.entity_group ?? e.entity}: ${e.word}`, score: e.score }))),
      );
    },
    picture: (v) => [v.text ?? '', null],
  },
  {
    id: 'question-answering',
    title: 'Question answering',
    fields: [
      { name: 'question', label: 'Question', value: 'Where do I live?' },
      { name: 'context', label: 'Context', value: 'My name is Wolfgang and I live in Berlin.', rows: 4 },
    ],
    options: '{ "topK": 1 }',
    args: (v) => [{ question: v.question, context: v.context }],
    render: (r, v) => {
      const a = (Array.isArray(r) ? r[0] : r) as Answer;
      return h(
        'div',
        {},
        h(
          'p',
          { class: 'highlighted' },
          highlight(v.context ?? '', a && a.end > a.start ? [{ start: a.start, end: a.end, label: 'answer', title: fmt(a.score) }] : []),
        ),
        h('p', {}, `answer: “${a ? cpSlice(v.context ?? '', a.start, a.end) : ''}” (score ${a ? fmt(a.score, 4) : '-'})`),
      );
    },
    picture: (v) => [v.question ?? '', v.context ?? ''],
  },
  {
    id: 'multiple-choice',
    title: 'Multiple choice',
    fields: [
      { name: 'prompt', label: 'Prompt', value: 'Which NFL team represented the AFC at Super Bowl 50?' },
      { name: 'choices', label: 'Choices (one per line)', value: 'Denver Broncos\nCarolina Panthers\nSanta Clara, California', rows: 3 },
    ],
    options: '{}',
    args: (v) => [v.prompt, (v.choices ?? '').split('\n').filter((c) => c.trim() !== '')],
    render: (r) => bars((r as Choice[]).map((c) => ({ name: c.choice, score: c.score }))),
    picture: (v) => [v.prompt ?? '', (v.choices ?? '').split('\n')[0] ?? null],
  },
  {
    id: 'feature-extraction',
    title: 'Feature extraction',
    demo: 'convbert-mini-mlm',
    fields: [
      { name: 'a', label: 'Text A', value: 'The film was wonderful.' },
      { name: 'b', label: 'Text B', value: 'I loved this movie.' },
    ],
    options: '{ "pooling": "mean", "normalize": true }',
    args: (v) => [[v.a, v.b]],
    render: (r) => {
      const [a, b] = r as Vec[];
      const sim = a && b ? cosine(a.data, b.data) : Number.NaN;
      return h(
        'div',
        {},
        h('p', { class: 'similarity' }, `cosine similarity (mean pooling): ${fmt(sim, 4)}`),
        h('p', { class: 'muted' }, `vectors of ${a?.data.length ?? 0} values`),
      );
    },
    picture: (v) => [v.a ?? '', null],
  },
];

export function pipelineTask(id: TaskId): PipelineTask {
  return id;
}
