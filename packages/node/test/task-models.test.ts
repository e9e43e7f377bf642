// The three task models of @convbert/models (NER, QA, multiple choice) against what PyTorch and
// Hugging Face's pipelines gave on the same float16 files (fixtures/demo/<name>/golden/cases.json,
// written by tooling/train/export.py): logits from the reference's token ids within 1e-4, pipeline
// outputs with equal strings and positions and scores within 1e-4. Loaded as users get them: the
// task's default model, no model named.
import { readFileSync } from 'node:fs';
import { fixturePath, pipelineOutputDiff } from '@convbert/test-fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ConvBertForMultipleChoice,
  ConvBertForQuestionAnswering,
  ConvBertForTokenClassification,
  DEFAULT_MODEL_DIRS,
  type NodePipeline,
  pipeline,
} from '../src/index.js';

const TOL = 1e-4;
const golden = <T>(name: string) => JSON.parse(readFileSync(fixturePath('demo', name, 'golden', 'cases.json'), 'utf8')).cases as T[];
const ids = (xs: number[]) => ({ data: BigInt64Array.from(xs, BigInt), dims: [1, xs.length] });
const plain = (x: unknown) => JSON.parse(JSON.stringify(x));

/**
 * Python's offsets count code points; JavaScript strings (and this library's `start`/`end`) count
 * UTF-16 units, so that `text.slice(start, end)` is the span. The same span, in UTF-16 units.
 */
function utf16Offsets<T>(text: string, expected: T): T {
  const at = (cp: number) => [...text].slice(0, cp).join('').length;
  const fix = (x: unknown): unknown => {
    if (Array.isArray(x)) return x.map(fix);
    if (x === null || typeof x !== 'object') return x;
    const o = { ...(x as Record<string, unknown>) };
    for (const k of ['start', 'end'] as const) if (typeof o[k] === 'number') o[k] = at(o[k] as number);
    return o;
  };
  return fix(expected) as T;
}

function maxDiff(a: ArrayLike<number>, b: readonly number[]): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < b.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

interface NerCase {
  text: string;
  input_ids: number[];
  logits: number[][];
  pipeline: Record<'none' | 'simple' | 'first' | 'average' | 'max', unknown[]>;
}

describe('convbert-mini-conll03 (token classification)', () => {
  let cases: NerCase[] = [];
  let ner: NodePipeline<'token-classification'>;
  let model: ConvBertForTokenClassification;
  beforeAll(async () => {
    cases = golden<NerCase>('convbert-mini-conll03');
    ner = await pipeline('token-classification');
    model = await ConvBertForTokenClassification.fromPretrained(DEFAULT_MODEL_DIRS['convbert-mini-conll03']);
  });
  afterAll(async () => {
    await ner?.dispose();
    await model?.dispose();
  });

  it('gives PyTorch’s logits for the reference’s token ids', async () => {
    for (const c of cases) {
      const { logits } = await model.forward({ inputIds: ids(c.input_ids) });
      expect(maxDiff(logits.data, c.logits.flat()), c.text).toBeLessThan(TOL);
    }
  });

  for (const strategy of ['none', 'simple', 'first', 'average', 'max'] as const) {
    it(`gives the reference pipeline’s entities with aggregation_strategy="${strategy}"`, async () => {
      for (const c of cases) {
        const got = plain(await ner(c.text, { aggregationStrategy: strategy }));
        expect(pipelineOutputDiff(got, utf16Offsets(c.text, c.pipeline[strategy]), TOL), c.text).toEqual([]);
      }
    });
  }

  it('finds a person and a location in “Angela Merkel visited Paris.”', async () => {
    const got = (await ner('Angela Merkel visited Paris.', { aggregationStrategy: 'simple' })) as { entity_group: string; word: string }[];
    expect(got.map((e) => [e.entity_group, e.word])).toEqual([
      ['PER', 'Angela Merkel'],
      ['LOC', 'Paris'],
    ]);
  });
});

interface QaCase {
  question: string;
  context: string;
  input_ids: number[];
  token_type_ids: number[];
  start_logits: number[];
  end_logits: number[];
  pipeline: unknown;
  pipeline_top_k_3: unknown;
}

describe('convbert-mini-squad (question answering)', () => {
  let cases: QaCase[] = [];
  let qa: NodePipeline<'question-answering'>;
  let model: ConvBertForQuestionAnswering;
  beforeAll(async () => {
    cases = golden<QaCase>('convbert-mini-squad');
    qa = await pipeline('question-answering');
    model = await ConvBertForQuestionAnswering.fromPretrained(DEFAULT_MODEL_DIRS['convbert-mini-squad']);
  });
  afterAll(async () => {
    await qa?.dispose();
    await model?.dispose();
  });

  it('gives PyTorch’s start and end logits for the reference’s token ids', async () => {
    for (const c of cases) {
      const out = await model.forward({ inputIds: ids(c.input_ids), tokenTypeIds: ids(c.token_type_ids) });
      expect(maxDiff(out.startLogits.data, c.start_logits), c.question).toBeLessThan(TOL);
      expect(maxDiff(out.endLogits.data, c.end_logits), c.question).toBeLessThan(TOL);
    }
  });

  it('gives the reference pipeline’s answer, and its top 3', async () => {
    for (const c of cases) {
      expect(
        pipelineOutputDiff(plain(await qa({ question: c.question, context: c.context })), utf16Offsets(c.context, c.pipeline), TOL),
        c.question,
      ).toEqual([]);
      expect(
        pipelineOutputDiff(
          plain(await qa({ question: c.question, context: c.context }, { topK: 3 })),
          utf16Offsets(c.context, c.pipeline_top_k_3),
          TOL,
        ),
        c.question,
      ).toEqual([]);
    }
  });
});

interface McCase {
  prompt: string;
  choices: string[];
  input_ids: number[][];
  logits: number[];
  scores: number[];
  best: number;
}

describe('convbert-mini-codah (multiple choice)', () => {
  let cases: McCase[] = [];
  let SEP = -1;
  let mc: NodePipeline<'multiple-choice'>;
  let model: ConvBertForMultipleChoice;
  beforeAll(async () => {
    cases = golden<McCase>('convbert-mini-codah');
    SEP = readFileSync(`${DEFAULT_MODEL_DIRS['convbert-mini-codah']}/vocab.txt`, 'utf8').split('\n').indexOf('[SEP]');
    mc = await pipeline('multiple-choice');
    model = await ConvBertForMultipleChoice.fromPretrained(DEFAULT_MODEL_DIRS['convbert-mini-codah']);
  });
  afterAll(async () => {
    await mc?.dispose();
    await model?.dispose();
  });

  it('gives PyTorch’s logit for each choice alone, from the reference’s token ids', async () => {
    for (const c of cases) {
      for (const [k, row] of c.input_ids.entries()) {
        // [CLS] prompt [SEP] choice [SEP]: the choice's segment (type 1) starts after the first [SEP].
        const firstSep = row.indexOf(SEP);
        const types = row.map((_, i) => (i > firstSep ? 1 : 0));
        const dims = [1, 1, row.length];
        const { logits } = await model.forward({
          inputIds: { data: BigInt64Array.from(row, BigInt), dims },
          tokenTypeIds: { data: BigInt64Array.from(types, BigInt), dims },
        });
        expect(Math.abs(logits.data[0] - c.logits[k]), `${c.prompt} / ${c.choices[k]}`).toBeLessThan(TOL);
      }
    }
  });

  it('gives the reference’s scores and best choice through the pipeline', async () => {
    for (const c of cases) {
      const got = (await mc(c.prompt, c.choices)) as { index: number; score: number }[];
      expect(got[0]?.index, c.prompt).toBe(c.best);
      for (const s of got) expect(Math.abs(s.score - c.scores[s.index]), c.prompt).toBeLessThan(TOL);
    }
  });
});
