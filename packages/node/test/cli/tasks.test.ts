// Every CLI task in every input form (arguments, flags, JSON Lines): its --json output must equal
// the library's pipeline call, and where the reference has outputs (pipelines.json, made by
// Python transformers) agree with them. One process per task and form.
import { rmSync } from 'node:fs';
import { checkpointDir } from '@convbert/test-fixtures';
import { afterAll, describe, expect, it } from 'vitest';
import { pipeline } from '../../src/index.js';
import { type CliRun, cliIn, diffFromReference, pipelineGolden, tempDir } from '../helpers/cli.js';

const work = tempDir('convbert-cli-tasks-');
afterAll(() => rmSync(work, { recursive: true, force: true }));
const cli = (args: string[], input?: string) => cliIn(work, args, input);

const jsonLines = (r: CliRun): unknown[] => {
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return r.stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
};
/** The library's result as the CLI prints it (typed arrays as arrays). */
const asJson = (x: unknown): unknown =>
  JSON.parse(JSON.stringify(x, (_k, v) => (ArrayBuffer.isView(v) ? Array.from(v as unknown as ArrayLike<number>) : v)));
const str = (x: unknown) => JSON.stringify(x);
/** A reference output given for one input as an object is our one-element list's element. */
const one = (x: unknown) => (Array.isArray(x) && x.length === 1 ? x[0] : x);

function expectReference(actual: unknown, id: string, unwrap = false): void {
  const g = pipelineGolden(id);
  expect(diffFromReference(unwrap ? one(actual) : actual, g.output), id).toBeNull();
}

async function library(task: string, dir: string, calls: [unknown, Record<string, unknown>][]): Promise<unknown[]> {
  const pipe = (await pipeline(task as 'fill-mask', dir)) as unknown as ((i: unknown, o: unknown) => Promise<unknown>) & {
    dispose(): Promise<void>;
  };
  try {
    const out: unknown[] = [];
    for (const [input, options] of calls) out.push(asJson(await pipe(input, options)));
    return out;
  } finally {
    await pipe.dispose();
  }
}

describe('convbert <task> matches the library and the reference', () => {
  it('fill-mask: arguments and JSON Lines', async () => {
    const dir = checkpointDir('tiny', 'masked-lm');
    const [a, b] = [pipelineGolden('fill-mask/052'), pipelineGolden('fill-mask/055')];
    const args = jsonLines(cli(['fill-mask', a.inputs as string, '-k', '5', '--json', '--model', dir]));
    const lines = jsonLines(cli(['fill-mask', '-k', '5', '--model', dir], `${str(a.inputs)}\n${str({ text: b.inputs })}\n`));
    expectReference(args[0], 'fill-mask/052');
    expectReference(lines[0], 'fill-mask/052');
    expectReference(lines[1], 'fill-mask/055');
    expect([...args, ...lines]).toEqual(
      await library('fill-mask', dir, [
        [a.inputs, { topK: 5 }],
        [a.inputs, { topK: 5 }],
        [b.inputs, { topK: 5 }],
      ]),
    );
  });

  it('text-classification: arguments, --pair (as sentiment-analysis), -k and JSON Lines with a pair', async () => {
    const dir = checkpointDir('tiny', 'sequence-classification');
    const text = pipelineGolden('text-classification/056').inputs as string;
    const pair = pipelineGolden('text-classification/059').inputs as { text: string; text_pair: string };
    const args = jsonLines(cli(['text-classification', text, '-k', '3', '--json', '--model', dir]));
    const flags = jsonLines(cli(['sentiment-analysis', pair.text, '--pair', pair.text_pair, '--json', '--model', dir]));
    const lines = jsonLines(
      cli(['text-classification', '--model', dir], `${str(text)}\n${str({ text: pair.text, text_pair: pair.text_pair })}\n`),
    );
    expectReference(args[0], 'text-classification/057');
    expectReference(flags[0], 'text-classification/059', true);
    expectReference(lines[0], 'text-classification/056');
    expectReference(lines[1], 'text-classification/059', true);
    const asPair = { text: pair.text, textPair: pair.text_pair };
    expect([...args, ...flags, ...lines]).toEqual(
      await library('text-classification', dir, [
        [text, { topK: 3 }],
        [asPair, {}],
        [text, {}],
        [asPair, {}],
      ]),
    );
  });

  it('token-classification: arguments with --aggregation-strategy, and JSON Lines', async () => {
    const dir = checkpointDir('tiny', 'token-classification');
    const [simple, none, accents] = ['008', '000', '006'].map((n) => pipelineGolden(`token-classification/${n}`));
    const args = jsonLines(
      cli(['token-classification', simple.inputs as string, '--aggregation-strategy', 'simple', '--json', '--model', dir]),
    );
    const lines = jsonLines(
      cli(
        ['token-classification', '--aggregation-strategy', 'none', '--model', dir],
        `${str({ text: none.inputs })}\n${str(accents.inputs)}\n`,
      ),
    );
    expectReference(args[0], simple.id);
    expectReference(lines[0], none.id);
    expectReference(lines[1], accents.id);
    expect([...args, ...lines]).toEqual(
      await library('token-classification', dir, [
        [simple.inputs, { aggregationStrategy: 'simple' }],
        [none.inputs, { aggregationStrategy: 'none' }],
        [accents.inputs, { aggregationStrategy: 'none' }],
      ]),
    );
  });

  it('question-answering: arguments with --context and window flags, and JSON Lines with -k', async () => {
    const dir = checkpointDir('tiny', 'question-answering');
    const [a, b, c] = ['041', '042', '047'].map((n) => pipelineGolden(`question-answering/${n}`));
    const qa = a.inputs as { question: string; context: string };
    const args = jsonLines(
      cli([
        'question-answering',
        qa.question,
        '--context',
        qa.context,
        '--max-seq-len',
        '64',
        '--doc-stride',
        '24',
        '--json',
        '--model',
        dir,
      ]),
    );
    const lines = jsonLines(
      cli(
        ['question-answering', '-k', '3', '--max-seq-len', '64', '--doc-stride', '24', '--model', dir],
        `${str(b.inputs)}\n${str(c.inputs)}\n`,
      ),
    );
    expectReference(args[0], a.id);
    expectReference(lines[0], b.id);
    expectReference(lines[1], c.id);
    const win = { maxSeqLen: 64, docStride: 24 };
    expect([...args, ...lines]).toEqual(
      await library('question-answering', dir, [
        [a.inputs, win],
        [b.inputs, { ...win, topK: 3 }],
        [c.inputs, { ...win, topK: 3 }],
      ]),
    );
  });

  it('multiple-choice: arguments with --choices, and JSON Lines {prompt, choices}', async () => {
    const dir = checkpointDir('tiny', 'multiple-choice');
    const args = jsonLines(cli(['multiple-choice', 'The cat sat on the', '--choices', 'mat', 'moon', '--json', '--model', dir]));
    const lines = jsonLines(
      cli(['multiple-choice', '--model', dir], `${str({ prompt: 'Paris is in', choices: ['France', 'Peru', 'Japan'] })}\n`),
    );
    const lib = await library('multiple-choice', dir, [
      [[{ prompt: 'The cat sat on the', choices: ['mat', 'moon'] }], {}],
      [[{ prompt: 'Paris is in', choices: ['France', 'Peru', 'Japan'] }], {}],
    ]);
    expect([...args, ...lines]).toEqual(lib.map((r) => (r as unknown[])[0]));
    expect((lines[0] as unknown[]).length).toBe(3);
  });

  it('feature-extraction: arguments with --pooling/--normalize, and JSON Lines', async () => {
    const dir = checkpointDir('tiny', 'base');
    const args = jsonLines(cli(['feature-extraction', 'a small test', '--pooling', 'mean', '--normalize', '--json', '--model', dir]));
    const lines = jsonLines(cli(['feature-extraction', '--model', dir], `${str({ text: 'another test' })}\n`));
    expect([...args, ...lines]).toEqual(
      await library('feature-extraction', dir, [
        ['a small test', { pooling: 'mean', normalize: true }],
        ['another test', {}],
      ]),
    );
  });
});
