// `convbert convert` and `convbert info` on TensorFlow-only folders (tf_model.h5), run as users run
// them: the built binary in a child process. The export equals the one made from model.safetensors.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { checkpointDir, fixturePath } from '@convbert/test-fixtures';
import { afterAll, describe, expect, it } from 'vitest';

const BIN = resolve(import.meta.dirname, '../../dist/bin/convbert.js');
const work = mkdtempSync(join(tmpdir(), 'convbert-cli-tf-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function cli(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, CONVBERT_CACHE: join(work, 'cache') } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const tfDir = (head: string) => fixturePath('models', 'tiny', 'checkpoint-tf', head);

describe('convbert CLI on a TF-only folder', () => {
  it('convert writes the same onnx/model.onnx as from the PyTorch checkpoint', () => {
    const fromTf = join(work, 'tf');
    const fromPt = join(work, 'pt');
    const a = cli(['convert', tfDir('token-classification'), fromTf]);
    expect(a.code, a.stderr).toBe(0);
    const b = cli(['convert', checkpointDir('tiny', 'token-classification'), fromPt]);
    expect(b.code, b.stderr).toBe(0);
    const graph = (dir: string) => readFileSync(join(dir, 'onnx', 'model.onnx'));
    expect(graph(fromTf).equals(graph(fromPt))).toBe(true);
    expect(readFileSync(join(fromTf, 'vocab.txt')).equals(readFileSync(join(tfDir('token-classification'), 'vocab.txt')))).toBe(true);
  });

  it('info names tf_model.h5 and counts the same parameters as the PyTorch checkpoint', () => {
    const tf = cli(['info', tfDir('masked-lm'), '--json']);
    expect(tf.code, tf.stderr).toBe(0);
    const pt = cli(['info', checkpointDir('tiny', 'masked-lm'), '--json']);
    const [ti, pi] = [JSON.parse(tf.stdout), JSON.parse(pt.stdout)];
    expect(ti.format).toBe('checkpoint (tf_model.h5)');
    expect(ti.parameters).toBe(pi.parameters);
    expect(ti.dtypes).toEqual(pi.dtypes);
  });

  it('a folder with no weights at all: an error naming the files looked for, a non-zero exit code', () => {
    const empty = join(work, 'config-only');
    mkdirSync(empty);
    copyFileSync(join(tfDir('base'), 'config.json'), join(empty, 'config.json'));
    const r = cli(['convert', empty, join(work, 'never')]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/model\.safetensors, pytorch_model\.bin/);
  });
});
