import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { checkpointDir, compareClose, fixturePath, loadManifest, readTensor } from '@convbert/test-fixtures';
import { AutoTokenizer as HfAutoTokenizer, env as hfEnv, pipeline as hfPipeline } from '@huggingface/transformers';
import { afterAll, describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/main.js';
import { CLI_TASKS } from '../../src/cli/tasks.js';
import { ConvBertForSequenceClassification, ConvBertTokenizer, DEFAULT_MODEL_DIRS } from '../../src/index.js';
import { BIN, cliHead1, cliIn, diffFromReference, pipelineGolden, tempDir } from '../helpers/cli.js';

const work = tempDir('convbert-cli-');
afterAll(() => rmSync(work, { recursive: true, force: true }));
const cli = (args: string[], input?: string) => cliIn(join(work, 'cache'), args, input);

/** A short message on stderr (commander adds a "did you mean" and a "run with --help" line), no stack trace. */
function expectOneLine(stderr: string, label: string): void {
  expect(stderr.trim().split('\n').length, `${label}: ${stderr}`).toBeLessThanOrEqual(3);
  expect(stderr, label).not.toMatch(/\n\s+at /);
}

describe('convbert CLI', () => {
  it('is built', () => expect(existsSync(BIN)).toBe(true));

  it('answers POSITIVE with the embedded model and no network', () => {
    const r = cli(['text-classification', 'a gorgeous, witty, seductive movie.']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^POSITIVE\t0\.9\d+\n$/);
    expect(r.stderr).toBe('');
  });

  it('answers question answering, NER and multiple choice with the embedded task models (as the reference does with them)', () => {
    const qa = cli([
      'question-answering',
      'Who wrote Hamlet?',
      '--context',
      'Hamlet is a tragedy written by William Shakespeare around 1600.',
      '--json',
    ]);
    expect(qa.code, qa.stderr).toBe(0);
    // The answer Hugging Face's pipeline gives with the same model (fixtures/demo/convbert-mini-squad/golden).
    const hamlet = (
      JSON.parse(readFileSync(fixturePath('demo', 'convbert-mini-squad', 'golden', 'cases.json'), 'utf8')).cases as {
        question: string;
        pipeline: { answer: string };
      }[]
    ).find((c) => c.question === 'Who wrote Hamlet?');
    expect((JSON.parse(qa.stdout) as { answer: string }).answer).toBe(hamlet?.pipeline.answer);
    // The task-models issue's done-when: the name, not a span running past it.
    expect(hamlet?.pipeline.answer).toBe('William Shakespeare');
    const ner = cli(['token-classification', 'Angela Merkel visited Paris.', '--json']);
    expect(ner.code, ner.stderr).toBe(0);
    const entities = JSON.parse(ner.stdout) as { entity_group?: string; entity?: string; word: string }[];
    const types = entities.map((e) => (e.entity_group ?? e.entity ?? '').replace(/^[BI]-/, ''));
    expect(types).toContain('PER');
    expect(types).toContain('LOC');
    const mc = cli([
      'multiple-choice',
      'She opens the fridge and',
      '--choices',
      'takes out the milk.',
      'drives the fridge home.',
      '--json',
    ]);
    expect(mc.code, mc.stderr).toBe(0);
    const fridge = (
      JSON.parse(readFileSync(fixturePath('demo', 'convbert-mini-codah', 'golden', 'cases.json'), 'utf8')).cases as {
        prompt: string;
        choices: string[];
        best: number;
      }[]
    ).find((c) => c.prompt === 'She opens the fridge and');
    expect((JSON.parse(mc.stdout) as { choice: string }[])[0]?.choice).toBe(fridge?.choices[fridge.best]);
  });

  it('prints JSON with --json and fill-mask top-k', () => {
    const r = cli(['fill-mask', 'the movie was [MASK] good .', '--top-k', '3', '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { token_str: string }[];
    // PyTorch's top three for this sentence (fixtures/demo/convbert-mini-mlm/README.md).
    expect(out.map((p) => p.token_str)).toEqual(['very', 'not', 'too']);
  });

  it('reads JSON Lines on stdin and writes one JSON result per line', () => {
    const r = cli(['text-classification'], '"I loved this movie, it was wonderful!"\n{"text": "The worst film I have seen this year."}\n');
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines.map((l) => (JSON.parse(l) as { label: string }[])[0]?.label)).toEqual(['POSITIVE', 'NEGATIVE']);
  });

  it('turns bad input into one line and exit code 1, usage errors into exit code 2', () => {
    const mlm = checkpointDir('tiny', 'masked-lm');
    for (const [args, code, text] of [
      [['fill-mask', 'no mask here'], 1, 'NO_MASK_TOKEN'],
      [['question-answering', 'who?'], 2, '--context'],
      [['text-classification', 'x', '--model', './no-such-folder'], 1, 'not a folder'],
      [['text-classification', 'x', '--top-k', '0'], 2, 'positive integer'],
      [['text-classification', 'x', '--top-k', 'abc'], 2, 'positive integer'],
      [['summarise', 'x'], 2, "unknown command 'summarise'"],
      [['fill-mask', 'x [MASK]', '--device', 'gpu'], 2, 'Allowed choices are cpu, webgpu, cuda'],
      [['fill-mask', 'x [MASK]', '--dtype', 'FP16'], 2, "argument 'FP16' is invalid"],
      [['fill-mask', 'x [MASK]', '--top_k', '2'], 2, "unknown option '--top_k'"],
      // -k only where a number of results means something.
      [['token-classification', 'x', '-k', '2', '--model', mlm], 2, "unknown option '-k'"],
      [['multiple-choice', 'x', '--choices', 'a', 'b', '-k', '1'], 2, "unknown option '-k'"],
      [['feature-extraction', 'x', '--top-k', '1'], 2, "unknown option '--top-k'"],
    ] as const) {
      const r = cli([...args]);
      expect(r.code, args.join(' ')).toBe(code);
      expect(r.stderr, args.join(' ')).toContain(text);
      expectOneLine(r.stderr, args.join(' '));
    }
  });

  it('prints its version', () => {
    const r = cli(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(JSON.parse(readFileSync(join(BIN, '../../../package.json'), 'utf8')).version);
  });

  it('checks JSON Lines records and names the line of a bad one', () => {
    // Without --skip-errors the first bad record ends the run, naming its line.
    const stop = cli(
      ['text-classification', '--model', checkpointDir('tiny', 'sequence-classification')],
      '"fine"\n{"text": "x", "textPair": 5}\n"never run"\n',
    );
    expect(stop.code).toBe(1);
    expect(stop.stdout.trim().split('\n')).toHaveLength(1);
    expect(stop.stderr).toContain('stdin line 2: "textPair" must be a string, got number [CLI_INPUT]');
    expectOneLine(stop.stderr, 'textPair 5');
    // Every other kind of bad record, several per process (--skip-errors reports each one).
    const bad: Record<string, [string, string, string][]> = {
      'text-classification': [
        ['sequence-classification', '{"txt": "x"}', 'unknown field "txt" (did you mean "text"?)'],
        ['sequence-classification', '{"text": ["x"]}', '"text" must be a string, got an array'],
        ['sequence-classification', 'not json', 'not JSON'],
      ],
      'fill-mask': [
        ['masked-lm', '{"text": "x [MASK]", "top_k": 2}', 'unknown field "top_k"'],
        ['masked-lm', '"no mask here"', 'has no mask token'],
      ],
      'question-answering': [
        ['question-answering', '{"question": "who?"}', '"context" is missing'],
        ['question-answering', '"who?"', 'question-answering needs an object {"question", "context"}'],
      ],
      'multiple-choice': [
        ['multiple-choice', '{"prompt": "p", "choices": "a"}', '"choices" must be a non-empty array of strings'],
        ['multiple-choice', '{"prompt": "p", "choice": ["a"]}', 'unknown field "choice" (did you mean "choices"?)'],
      ],
      'feature-extraction': [['base', '[1, 2]', 'expected "text" or {"text"}, got an array']],
    };
    for (const [task, cases] of Object.entries(bad)) {
      const r = cli([task, '--skip-errors', '--model', checkpointDir('tiny', cases[0]![0])], `${cases.map((c) => c[1]).join('\n')}\n`);
      expect(r.code, `${task}: ${r.stderr}`).toBe(1);
      const errors = r.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).error);
      expect(errors.map((e) => e.line)).toEqual(cases.map((_, i) => i + 1));
      for (const [i, c] of cases.entries()) expect(errors[i].message, c[1]).toContain(`stdin line ${i + 1}: ${c[2]}`);
    }
  });

  it('--skip-errors writes an error object for a bad line and goes on', () => {
    const r = cli(['fill-mask', '--skip-errors', '-k', '1'], '"a [MASK] movie."\n\n"no mask"\n{"txt": "x"}\n"the [MASK] was good."\n');
    expect(r.code).toBe(1);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.length).toBe(4);
    expect(lines[1]).toEqual({
      error: { line: 3, code: 'NO_MASK_TOKEN', message: expect.stringContaining('stdin line 3: has no mask token') },
    });
    expect(lines[2]).toEqual({ error: { line: 4, code: 'CLI_INPUT', message: expect.stringContaining('unknown field "txt"') } });
    expect(Array.isArray(lines[3])).toBe(true);
    expect(r.stderr).toContain('2 inputs failed');
  });

  it('ends quietly when the reader of its output goes away (| head -1)', async () => {
    const input = '"the movie was [MASK] good ."\n'.repeat(400);
    const r = await cliHead1(join(work, 'cache'), ['fill-mask'], input);
    expect(JSON.parse(r.first)).toHaveLength(5);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('shows the stack trace only with --debug', () => {
    const r = cli(['fill-mask', 'no mask here', '--debug']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/\n\s+at /);
  });

  it('has --help on every command (checked in-process: one program, no child processes)', () => {
    const program = buildProgram();
    const names = program.commands.map((c) => c.name());
    expect(names).toEqual(expect.arrayContaining([...CLI_TASKS, 'convert', 'info', 'bench']));
    for (const cmd of program.commands) {
      const help = cmd.helpInformation();
      expect(help, cmd.name()).toContain(`Usage: convbert ${cmd.name()}`);
      expect(help, cmd.name()).toContain('--debug');
    }
    expect(program.commands.find((c) => c.name() === 'text-classification')?.aliases()).toContain('sentiment-analysis');
  });

  it('converts a checkpoint into an export that loads and matches the reference', async () => {
    const out = join(work, 'export');
    const r = cli(['convert', checkpointDir('tiny', 'sequence-classification'), out]);
    expect(r.code, r.stderr).toBe(0);
    for (const f of ['onnx/model.onnx', 'config.json', 'vocab.txt', 'tokenizer_config.json'])
      expect(existsSync(join(out, f)), f).toBe(true);
    const model = await ConvBertForSequenceClassification.fromPretrained(out);
    expect(model.info.kind).toBe('onnx');
    const manifest = loadManifest('tiny');
    const c = manifest.cases.find((x) => x.name === 'batch3_padded')!;
    const golden = manifest.results.find((x) => x.head === 'sequence-classification' && x.case === c.name && !x.kind)!;
    const res = await model.forward({
      inputIds: readTensor('tiny', c.inputs.input_ids) as never,
      attentionMask: readTensor('tiny', c.inputs.attention_mask) as never,
      tokenTypeIds: readTensor('tiny', c.inputs.token_type_ids) as never,
    });
    expect(compareClose(res.logits.data, readTensor('tiny', golden.outputs.logits!).data as Float32Array).ok).toBe(true);
    await model.dispose();
  });

  it('convert writes a tokenizer.json that transformers.js loads with the folder unchanged', async () => {
    const out = join(work, 'export');
    if (!existsSync(join(out, 'onnx', 'model.onnx'))) {
      const r = cli(['convert', checkpointDir('tiny', 'sequence-classification'), out]);
      expect(r.code, r.stderr).toBe(0);
    }
    const hfDir = join(work, 'hf');
    cpSync(out, join(hfDir, 'export'), { recursive: true });
    hfEnv.allowRemoteModels = false;
    hfEnv.localModelPath = hfDir;
    // Its tokenizer (read from tokenizer.json alone) gives the ids of ours (read from vocab.txt).
    const hfTok = await HfAutoTokenizer.from_pretrained('export');
    const ours = ConvBertTokenizer.fromVocab(readFileSync(join(out, 'vocab.txt'), 'utf8'));
    for (const [text, pair] of [
      ['Émile Zola met Dr. Ångström in Zürich on 3 March 1898.', undefined],
      ['unaffable hyperparameterization of ConvBERT-small 北京', 'a second   sentence!'],
    ] as const) {
      const theirs = hfTok(text, pair === undefined ? {} : { text_pair: pair }) as { input_ids: { tolist(): bigint[][] } };
      expect(theirs.input_ids.tolist()[0]!.map(Number), text).toEqual(ours.encode(text, pair ?? null).inputIds);
    }
    // And its pipeline on the exported graph gives the reference's result.
    const golden = pipelineGolden('text-classification/056');
    const clf = await hfPipeline('text-classification', 'export', { dtype: 'fp32' });
    expect(diffFromReference(await clf(golden.inputs as string), golden.output)).toBeNull();
    await clf.dispose();
  });

  it('convert says so when the folder is already an ONNX export', () => {
    const out = join(work, 'export');
    if (!existsSync(join(out, 'onnx', 'model.onnx'))) cli(['convert', checkpointDir('tiny', 'sequence-classification'), out]);
    const r = cli(['convert', out, join(work, 'again')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('is already an ONNX export (onnx/model.onnx)');
    expect(existsSync(join(work, 'again'))).toBe(false);
  });

  it('--dtype on a folder with an ONNX export is refused', () => {
    const dir = join(work, 'onnx-model');
    mkdirSync(dir, { recursive: true });
    copyFileSync(fixturePath('models', 'tiny', 'onnx', 'base.onnx'), join(dir, 'model.onnx'));
    copyFileSync(join(checkpointDir('tiny', 'base'), 'config.json'), join(dir, 'config.json'));
    const r = cli(['feature-extraction', 'x', '--dtype', 'fp16', '--model', dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('has an ONNX export (model.onnx) whose precision is fixed');
  });

  it('info without a model lists the embedded models', () => {
    const r = cli(['info', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const { embedded } = JSON.parse(r.stdout) as { embedded: { name: string; dir: string; tasks: string[] }[] };
    expect(Object.fromEntries(embedded.map((m) => [m.name, m.dir]))).toEqual(DEFAULT_MODEL_DIRS);
    expect(embedded.find((m) => m.name === 'convbert-mini-sst2')?.tasks).toContain('text-classification');
  });

  it('info prints the configuration and parameter count', () => {
    const r = cli(['info', checkpointDir('tiny-grouped', 'base'), '--json']);
    expect(r.code, r.stderr).toBe(0);
    const info = JSON.parse(r.stdout);
    expect(info.derived).toMatchObject({ numHeads: 3, headSize: 8 });
    expect(info.config.num_groups).toBe(2);
    expect(info.parameters).toBeGreaterThan(30522 * 48);
  });

  it('bench prints latency and throughput', () => {
    const r = cli(['bench', checkpointDir('tiny', 'base'), '--runs', '3', '--seq', '16']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/latency\s+mean [\d.]+ ms/);
    expect(r.stdout).toMatch(/throughput\s+[\d.]+ sequences\/s/);
  });
});
