// One error base: WebError is a ConvBertError too, and a missing file is MODEL_FILES_MISSING here
// as in @convbert/node, whichever path meets it.
import { readFileSync } from 'node:fs';
import { fixturePath } from '@convbert/test-fixtures';
import { describe, expect, it } from 'vitest';
import { AutoConfig, ConvBertError, ConvBertForMaskedLM, FileSource, MemorySource, pipeline, WebError } from '../src/index.js';

describe('errors', () => {
  it('WebError is a ConvBertError with code and cause', () => {
    const cause = new Error('the reason underneath');
    const e = new WebError('SESSION_FAILED', 'x', { cause });
    expect(e).toBeInstanceOf(ConvBertError);
    expect(e).toMatchObject({ name: 'WebError', code: 'SESSION_FAILED', cause });
  });

  it('a missing config.json is MODEL_FILES_MISSING for a head, the Auto classes and a pipeline', async () => {
    const onnx = () =>
      new MemorySource({ 'model.onnx': new Uint8Array(readFileSync(fixturePath('models', 'tiny', 'onnx', 'masked-lm.onnx'))) });
    for (const load of [
      () => ConvBertForMaskedLM.fromPretrained(onnx()),
      () => AutoConfig.fromPretrained(onnx()),
      () => pipeline('fill-mask', onnx()),
    ]) {
      await expect(load()).rejects.toMatchObject({ code: 'MODEL_FILES_MISSING' });
    }
    const dropped = new FileSource([{ path: 'vocab.txt', file: new Blob(['[PAD]']) }]);
    await expect(dropped.read('config.json')).rejects.toMatchObject({ name: 'WebError', code: 'MODEL_FILES_MISSING' });
  });
});
