// Which weights file a load reads: the class's flavour, fromTF / fromPT, and nothing else touched.
import { readFileSync } from 'node:fs';
import { checkpointDir, fixturePath } from '@convbert/test-fixtures';
import { describe, expect, it } from 'vitest';
import { CoreError, type LoadOptions, loadModelFiles, MemorySource } from '../../src/index.js';

const dir = checkpointDir('tiny', 'base');
const config = readFileSync(`${dir}/config.json`);
const safetensors = new Uint8Array(readFileSync(`${dir}/model.safetensors`));
const h5 = new Uint8Array(readFileSync(fixturePath('models', 'tiny', 'checkpoint-tf', 'base', 'tf_model.h5')));

/** A source that records what was asked and read (a hub source downloads on both). */
class RecordingSource extends MemorySource {
  readonly asked: string[] = [];
  readonly read_: string[] = [];
  override async exists(name: string) {
    this.asked.push(name);
    return super.exists(name);
  }
  override async read(name: string) {
    this.read_.push(name);
    return super.read(name);
  }
}

const both = () => new RecordingSource({ 'config.json': config, 'model.safetensors': safetensors, 'tf_model.h5': h5 }, 'both');
const tfOnly = () => new RecordingSource({ 'config.json': config, 'tf_model.h5': h5 }, 'tf-only');
const ptOnly = () => new RecordingSource({ 'config.json': config, 'model.safetensors': safetensors }, 'pt-only');

async function chosen(source: RecordingSource, options: LoadOptions) {
  const files = await loadModelFiles(source, { format: 'checkpoint', ...options });
  if (files.kind !== 'checkpoint') throw new Error('expected a checkpoint');
  // only config.json and the chosen weights file are read
  expect(source.read_.sort()).toEqual(['config.json', files.file].sort());
  return files.file;
}

describe('checkpoint file choice', () => {
  it('a PyTorch class prefers model.safetensors, a TF class tf_model.h5', async () => {
    expect(await chosen(both(), {})).toBe('model.safetensors');
    expect(await chosen(both(), { framework: 'tensorflow' })).toBe('tf_model.h5');
  });

  it('fromTF: a PyTorch class loads tf_model.h5; fromPT: a TF class loads model.safetensors', async () => {
    expect(await chosen(tfOnly(), { fromTF: true })).toBe('tf_model.h5');
    expect(await chosen(both(), { fromTF: true })).toBe('tf_model.h5');
    expect(await chosen(both(), { framework: 'tensorflow', fromPT: true })).toBe('model.safetensors');
  });

  it('the two round trips give the same state dict', async () => {
    const viaTf = await loadModelFiles(both(), { format: 'checkpoint', fromTF: true });
    const viaPt = await loadModelFiles(both(), { format: 'checkpoint', framework: 'tensorflow', fromPT: true });
    if (viaTf.kind !== 'checkpoint' || viaPt.kind !== 'checkpoint') throw new Error('expected checkpoints');
    expect(viaTf.weights.keys().sort()).toEqual(viaPt.weights.keys().sort());
    for (const k of viaPt.weights.keys()) {
      const [a, b] = [viaTf.weights.float32(k), viaPt.weights.float32(k)];
      expect(Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength)), k).toBe(true);
    }
  });

  it('the first file present is the only one asked for after it is found', async () => {
    const s = both();
    await chosen(s, { framework: 'tensorflow' });
    expect(s.asked.filter((f) => f !== 'config.json')).toEqual(['tf_model.h5']);
  });

  it('a folder without the files the class looks for names them and the option that would help', async () => {
    const cases: [RecordingSource, LoadOptions, RegExp][] = [
      [tfOnly(), {}, /model\.safetensors, pytorch_model\.bin.*fromTF: true/],
      [ptOnly(), { fromTF: true }, /neither weights \(tf_model\.h5\)/],
      [new RecordingSource({ 'config.json': config }), { framework: 'tensorflow' }, /tf_model\.h5, model\.safetensors.*fromPT: true/],
    ];
    for (const [source, options, message] of cases) {
      const e = await loadModelFiles(source, { format: 'checkpoint', ...options }).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(CoreError);
      expect((e as CoreError).code).toBe('MODEL_FILES_MISSING');
      expect((e as CoreError).message).toMatch(message);
    }
  });
});
