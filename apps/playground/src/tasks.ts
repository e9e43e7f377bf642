// The six tabs: their inputs and examples, how they call the pipeline, how results are shown,
// and which sequence the tokens view and the maps show. The demo model of each is in demos.ts.
import { DEMO_MODELS, type TaskId } from './demos.js';
import { answersView, choicesView, classificationView, entitiesView, fillMaskView, similarityView, type Values } from './results.js';

export type { TaskId };

export interface Field {
  name: string;
  label: string;
  /** Visible rows: every text gets a box that shows several lines (a long review must fit). */
  rows: number;
  hint?: string;
}

export interface Example {
  /** The button's words. */
  title: string;
  values: Values;
}

export interface TaskDef {
  id: TaskId;
  title: string;
  /** One line under the tab's heading. */
  intro: string;
  /** The demo model folder this tab runs (demos.ts). */
  demo: string;
  fields: Field[];
  /** The first example fills the fields on a first visit. */
  examples: Example[];
  /** Default options of the call, as JSON (editable in the page). */
  options: string;
  /** Arguments of the pipeline call before its options. */
  args(v: Values): unknown[];
  render(result: unknown, v: Values): Node;
  /** The (text, pair) whose tokens and maps are shown. */
  picture(v: Values): [string, string | null];
}

/** A review of about 5,000 words: longer than the model reads, to show the truncation notice. */
const LONG_REVIEW = Array.from({ length: 500 }, (_, i) => `Scene ${i + 1} of this film is slow, but the actors carry it with warmth.`).join(
  ' ',
);

const choiceLines = (v: Values) => (v.choices ?? '').split('\n').filter((c) => c.trim() !== '');

export const TASKS: TaskDef[] = [
  {
    id: 'fill-mask',
    title: 'Fill-mask',
    intro: 'The masked language model guesses the word behind each [MASK].',
    demo: DEMO_MODELS['fill-mask'],
    fields: [{ name: 'text', label: 'Text with [MASK]', rows: 2, hint: 'Ctrl+Enter runs' }],
    examples: [
      { title: 'the movie was [MASK] good .', values: { text: 'the movie was [MASK] good .' } },
      { title: 'one of the [MASK] films', values: { text: 'this is one of the [MASK] films i have ever seen .' } },
      { title: 'the plot made no [MASK]', values: { text: 'the acting was terrible and the plot made no [MASK] .' } },
      { title: 'two masks', values: { text: 'the [MASK] was [MASK] good .' } },
    ],
    options: '{ "topK": 5 }',
    args: (v) => [v.text],
    render: fillMaskView,
    picture: (v) => [v.text ?? '', null],
  },
  {
    id: 'text-classification',
    title: 'Text classification',
    intro: 'Sentiment of a movie review (SST-2): POSITIVE or NEGATIVE.',
    demo: DEMO_MODELS['text-classification'],
    fields: [
      { name: 'text', label: 'Text', rows: 3, hint: 'Ctrl+Enter runs' },
      { name: 'pair', label: 'Second text (optional: sentence pairs)', rows: 2 },
    ],
    examples: [
      { title: 'A touching film', values: { text: 'A touching, beautifully made film.', pair: '' } },
      { title: 'A waste of time', values: { text: 'What a waste of time. The plot was boring and the acting was awful.', pair: '' } },
      { title: 'It was not bad.', values: { text: 'It was not bad.', pair: '' } },
      { title: 'A 5,000-word review', values: { text: LONG_REVIEW, pair: '' } },
    ],
    options: '{ "topK": null }',
    args: (v) => [v.pair?.trim() ? { text: v.text, textPair: v.pair } : v.text],
    render: classificationView,
    picture: (v) => [v.text ?? '', v.pair?.trim() ? (v.pair as string) : null],
  },
  {
    id: 'token-classification',
    title: 'Token classification',
    intro: 'Named entities (CoNLL-2003): persons, organisations, locations and others, marked in the text.',
    demo: DEMO_MODELS['token-classification'],
    fields: [{ name: 'text', label: 'Text', rows: 3, hint: 'Ctrl+Enter runs' }],
    examples: [
      { title: 'Wolfgang in Berlin', values: { text: 'My name is Wolfgang and I live in Berlin.' } },
      { title: 'Accents', values: { text: 'Zoë Kravitz met Ángel Di María in São Paulo on Monday.' } },
      { title: 'CJK', values: { text: 'Apple and Microsoft opened offices in 東京 and New York.' } },
      { title: 'Emoji', values: { text: 'abc 😀😀 lives in Zurich.' } },
    ],
    options: '{ "aggregationStrategy": "simple" }',
    args: (v) => [v.text],
    render: entitiesView,
    picture: (v) => [v.text ?? '', null],
  },
  {
    id: 'question-answering',
    title: 'Question answering',
    intro: 'Extractive question answering (SQuAD): the answer is a span of the context, marked in it.',
    demo: DEMO_MODELS['question-answering'],
    fields: [
      { name: 'question', label: 'Question', rows: 1 },
      { name: 'context', label: 'Context', rows: 4, hint: 'Ctrl+Enter runs' },
    ],
    examples: [
      { title: 'Where do I live?', values: { question: 'Where do I live?', context: 'My name is Wolfgang and I live in Berlin.' } },
      {
        title: 'Who wrote Hamlet?',
        values: { question: 'Who wrote Hamlet?', context: 'Hamlet is a tragedy written by William Shakespeare around 1600.' },
      },
      {
        title: 'Accents and CJK',
        values: { question: 'Where did Zoë study?', context: 'Zoë Müller studied physics in Zürich before moving to 東京 in 2015.' },
      },
      { title: 'Emoji', values: { question: 'Where do I live?', context: '😀😀 My name is Wolfgang and I live in Berlin.' } },
    ],
    options: '{ "topK": 3 }',
    args: (v) => [{ question: v.question, context: v.context }],
    render: answersView,
    picture: (v) => [v.question ?? '', v.context ?? ''],
  },
  {
    id: 'multiple-choice',
    title: 'Multiple choice',
    intro: 'Which ending fits best (SWAG)? One score per choice.',
    demo: DEMO_MODELS['multiple-choice'],
    fields: [
      { name: 'prompt', label: 'Prompt', rows: 2 },
      { name: 'choices', label: 'Choices (one per line)', rows: 4, hint: 'Ctrl+Enter runs' },
    ],
    examples: [
      { title: 'The fridge', values: { prompt: 'She opens the fridge and', choices: 'takes out the milk.\ndrives the fridge home.' } },
      {
        title: 'Running shoes',
        values: {
          prompt: 'The man puts on his running shoes and',
          choices: 'goes for a jog in the park.\neats the shoes for dinner.\npaints the sky green.\nswims to the moon.',
        },
      },
      { title: 'Rain', values: { prompt: 'It started to rain, so she', choices: 'opened her umbrella.\ntook off her roof.' } },
    ],
    options: '{}',
    args: (v) => [v.prompt, choiceLines(v)],
    render: choicesView,
    picture: (v) => [v.prompt ?? '', choiceLines(v)[0] ?? null],
  },
  {
    id: 'feature-extraction',
    title: 'Feature extraction',
    intro: 'One vector per text (mean of the last hidden states); similar texts get similar vectors.',
    demo: DEMO_MODELS['feature-extraction'],
    fields: [
      { name: 'a', label: 'Text A', rows: 2 },
      { name: 'b', label: 'Text B', rows: 2, hint: 'Ctrl+Enter runs' },
    ],
    examples: [
      { title: 'Two reviews', values: { a: 'The film was wonderful.', b: 'I loved this movie.' } },
      { title: 'Unrelated', values: { a: 'The film was wonderful.', b: 'The stock market fell sharply today.' } },
      { title: 'Opposites', values: { a: 'The film was wonderful.', b: 'The film was awful.' } },
    ],
    options: '{ "pooling": "mean", "normalize": true }',
    args: (v) => [[v.a, v.b]],
    render: similarityView,
    picture: (v) => [v.a ?? '', null],
  },
];

export const taskById = (id: TaskId): TaskDef => TASKS.find((t) => t.id === id) as TaskDef;
