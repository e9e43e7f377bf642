import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { checkpointDir, compareClose, loadManifest, readTensor } from '@convbert/test-fixtures';
import { afterAll, describe, expect, it } from 'vitest';
import { ConvBertForSequenceClassification } from '../src/index.js';

// The CLI is tested as users run it: the built binary in a child process.
const BIN = resolve(import.meta.dirname, '../dist/bin/convbert.js');
const work = mkdtempSync(join(tmpdir(), 'convbert-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function cli(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    input,
    encoding: 'utf8',
    env: { ...process.env, CONVBERT_CACHE: join(work, 'cache') },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('convbert CLI', () => {
  it('is built', () => expect(existsSync(BIN)).toBe(true));

  it('answers POSITIVE with the embedded model and no network', () => {
    const r = cli(['text-classification', 'a gorgeous, witty, seductive movie.']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^POSITIVE\t0\.9\d+\n$/);
    expect(r.stderr).toBe('');
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

  it('turns bad input into one line and a non-zero exit code, no stack trace', () => {
    for (const [args, code, text] of [
      [['fill-mask', 'no mask here'], 1, 'NO_MASK_TOKEN'],
      [['question-answering', 'who?'], 2, '--context'],
      [['token-classification', 'hello'], 1, 'no embedded default model'],
      [['text-classification', 'x', '--model', './no-such-folder'], 1, 'not a folder'],
      [['text-classification', 'x', '--top-k', '0'], 1, 'positive integer'],
    ] as const) {
      const r = cli([...args]);
      expect(r.code, args.join(' ')).toBe(code);
      expect(r.stderr, args.join(' ')).toContain(text);
      expect(r.stderr.trim().split('\n').length, r.stderr).toBeLessThanOrEqual(2);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('shows the stack trace only with --debug', () => {
    const r = cli(['fill-mask', 'no mask here', '--debug']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/\n\s+at /);
  });

  it('has --help on every command', () => {
    for (const cmd of [
      'fill-mask',
      'text-classification',
      'token-classification',
      'question-answering',
      'multiple-choice',
      'feature-extraction',
      'convert',
      'info',
      'bench',
    ]) {
      const r = cli([cmd, '--help']);
      expect(r.code, cmd).toBe(0);
      expect(r.stdout, cmd).toContain('Usage: convbert');
    }
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
