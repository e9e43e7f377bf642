// tf_model.h5 (the TFConvBert* classes' checkpoints) read into the PyTorch state dict: the reference
// fixtures hold the same weights in both formats, so the two readers must agree bit for bit.
import { readFileSync } from 'node:fs';
import { parseConfig } from '@convbert/config';
import { type ConfigName, checkpointDir, fixturePath } from '@convbert/test-fixtures';
import { describe, expect, it } from 'vitest';
import { buildConvBertEncoder, type StateDict } from '../../src/graph.js';
import { readSafetensors } from '../../src/index.js';
import { bytesOf } from '../../src/weights/dtypes.js';
import { readTfH5 } from '../../src/weights/tf-h5.js';

const TF_HEADS: [ConfigName, string][] = [
  ...['base', 'masked-lm', 'sequence-classification', 'token-classification', 'question-answering', 'multiple-choice'].map(
    (h) => ['tiny', h] as [ConfigName, string],
  ),
  ['tiny-grouped', 'base'],
];

export const tfFile = (config: ConfigName, head: string) =>
  new Uint8Array(readFileSync(fixturePath('models', config, 'checkpoint-tf', head, 'tf_model.h5')));
const ptFile = (config: ConfigName, head: string) => new Uint8Array(readFileSync(`${checkpointDir(config, head)}/model.safetensors`));

function expectSameStateDict(tf: StateDict, pt: StateDict) {
  expect(tf.keys().sort()).toEqual(pt.keys().sort());
  for (const k of pt.keys()) {
    const a = tf.tensors.get(k)!;
    const b = pt.tensors.get(k)!;
    expect(a.dtype, k).toBe(b.dtype);
    expect(a.shape, k).toEqual(b.shape);
    expect(Buffer.from(bytesOf(a.data)).equals(Buffer.from(bytesOf(b.data))), `${k}: bytes differ`).toBe(true);
  }
}

describe('readTfH5 on the reference TF checkpoints', () => {
  for (const [config, head] of TF_HEADS) {
    it(`${config}/${head}: the same keys, shapes and bytes as model.safetensors`, () => {
      expectSameStateDict(readTfH5(tfFile(config, head)), readSafetensors(ptFile(config, head)));
    });
  }

  it('tiny-grouped/base: the encoder graph built from either file is byte-identical', () => {
    const config = parseConfig(readFileSync(`${checkpointDir('tiny-grouped', 'base')}/config.json`, 'utf8'));
    const fromTf = buildConvBertEncoder(config, readTfH5(tfFile('tiny-grouped', 'base')));
    const fromPt = buildConvBertEncoder(config, readSafetensors(ptFile('tiny-grouped', 'base')));
    expect(Buffer.from(fromTf).equals(Buffer.from(fromPt))).toBe(true);
  });
});
