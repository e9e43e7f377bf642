// The TFConvBert* classes on the reference TensorFlow checkpoints (checkpoint-tf/<head>/tf_model.h5,
// the same weights as checkpoint/<head>): every golden case within the PyTorch tolerance, and the
// graph built from tf_model.h5 byte-identical to the one built from model.safetensors.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ModelLoadOptions } from '@convbert/core';
import { type Backend, MemorySource, WeightsError } from '@convbert/core';
import { type ConfigName, compareClose, fixturePath, type GoldenCase, loadManifest, readTensor } from '@convbert/test-fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ConvBertForMaskedLM,
  ConvBertForMultipleChoice,
  ConvBertForQuestionAnswering,
  ConvBertForSequenceClassification,
  ConvBertForTokenClassification,
  TFConvBertForMaskedLM,
  TFConvBertForMultipleChoice,
  TFConvBertForQuestionAnswering,
  TFConvBertForSequenceClassification,
  TFConvBertForTokenClassification,
  TFConvBertModel,
} from '../../src/index.js';
import { type AnyForward, checkOutputs, inputsOf, labelsOf } from '../helpers/golden.js';
import { checkpointSource, ortBackend } from '../helpers/ort.js';

type Loader = { load(source: MemorySource, backend: Backend, o?: ModelLoadOptions): Promise<unknown> };
const TF_CLASSES: Record<string, Loader> = {
  'masked-lm': TFConvBertForMaskedLM,
  'sequence-classification': TFConvBertForSequenceClassification,
  'multiple-choice': TFConvBertForMultipleChoice,
  'token-classification': TFConvBertForTokenClassification,
  'question-answering': TFConvBertForQuestionAnswering,
};
const PT_CLASSES: Record<string, Loader> = {
  'masked-lm': ConvBertForMaskedLM,
  'sequence-classification': ConvBertForSequenceClassification,
  'multiple-choice': ConvBertForMultipleChoice,
  'token-classification': ConvBertForTokenClassification,
  'question-answering': ConvBertForQuestionAnswering,
};

/** A TF-only model folder: config.json + tf_model.h5. */
function tfSource(config: ConfigName, head: string): MemorySource {
  const dir = fixturePath('models', config, 'checkpoint-tf', head);
  return new MemorySource(
    { 'config.json': readFileSync(join(dir, 'config.json')), 'tf_model.h5': readFileSync(join(dir, 'tf_model.h5')) },
    dir,
  );
}

/** The ORT backend, keeping the bytes of every graph it is given. */
function recording(): Backend & { graphs: Uint8Array[] } {
  const graphs: Uint8Array[] = [];
  return {
    name: 'recording',
    graphs,
    createSession(model, options) {
      graphs.push(model);
      return ortBackend.createSession(model, options);
    },
  };
}

for (const head of Object.keys(TF_CLASSES)) {
  describe(`tiny ${head} through TFConvBert* on tf_model.h5`, () => {
    const manifest = loadManifest('tiny');
    const cases = new Map(manifest.cases.map((c) => [c.name, c]));
    let model: AnyForward;
    const backend = recording();
    beforeAll(async () => {
      model = (await TF_CLASSES[head]!.load(tfSource('tiny', head), backend)) as AnyForward;
      expect((model as unknown as { info: { file: string } }).info.file).toBe('tf_model.h5');
    });
    afterAll(() => model?.dispose());

    it('builds the same graph bytes as the PyTorch class on model.safetensors', async () => {
      const pt = recording();
      const m = (await PT_CLASSES[head]!.load(checkpointSource('tiny', head), pt)) as AnyForward;
      await m.dispose();
      expect(Buffer.from(backend.graphs[0]!).equals(Buffer.from(pt.graphs[0]!))).toBe(true);
    });

    for (const result of manifest.results.filter((r) => r.head === head)) {
      const isLoss = result.kind === 'loss';
      it(`${result.case}${isLoss ? ' (loss)' : ''}`, async () => {
        const inputs = inputsOf('tiny', cases.get(result.case) as GoldenCase);
        if (isLoss) {
          const out = await model.forward({ ...inputs, ...labelsOf('tiny', result) });
          const expected = (readTensor('tiny', result.outputs.loss).data as Float32Array)[0] as number;
          expect(Math.abs(out.loss - expected)).toBeLessThanOrEqual(1e-5 * Math.abs(expected));
        } else {
          checkOutputs('tiny', head, result, await model.forward(inputs));
        }
      });
    }
  });
}

for (const config of ['tiny', 'tiny-grouped'] as const) {
  describe(`${config} base through TFConvBertModel on tf_model.h5`, () => {
    const manifest = loadManifest(config);
    let model: TFConvBertModel;
    beforeAll(async () => {
      model = await TFConvBertModel.load(tfSource(config, 'base'), ortBackend);
      expect(model).toBeInstanceOf(TFConvBertModel);
      expect(model.info.file).toBe('tf_model.h5');
    });
    afterAll(() => model?.dispose());

    for (const result of manifest.results.filter((r) => r.head === 'base' && r.kind !== 'loss')) {
      it(`${result.case}: last_hidden_state and every hidden_states.i`, async () => {
        const out = await model.forward(inputsOf(config, manifest.cases.find((c) => c.name === result.case) as GoldenCase), {
          outputHiddenStates: true,
        });
        const check = (actual: Float32Array, name: string) => {
          const r = compareClose(actual, readTensor(config, result.outputs[name]!).data as Float32Array);
          expect(r.ok, `${name}: max |Δ| ${r.maxAbs}`).toBe(true);
        };
        check(out.lastHiddenState.data, 'last_hidden_state');
        for (const [i, h] of (out.hiddenStates ?? []).entries()) check(h.data, `hidden_states.${i}`);
        expect(out.hiddenStates?.length).toBe(config === 'tiny' ? 3 : 4);
      });
    }
  });
}

describe('a TF file of another class', () => {
  it('a masked-LM tf_model.h5 loaded as sequence classification names the missing head', async () => {
    const e = await TFConvBertForSequenceClassification.load(tfSource('tiny', 'masked-lm'), ortBackend).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(WeightsError);
    expect((e as WeightsError).code).toBe('WEIGHT_MISSING');
    expect((e as WeightsError).tensor).toMatch(/^classifier\./);
    expect((e as WeightsError).message).toMatch(/Keras layers are convbert, generator_predictions, generator_lm_head/);
  });

  it('a head class reads a TFConvBertModel file for the encoder only when the head is there: the base file has none', async () => {
    const e = await TFConvBertForQuestionAnswering.load(tfSource('tiny', 'base'), ortBackend).catch((x: unknown) => x);
    expect((e as WeightsError).tensor).toMatch(/^qa_outputs\./);
  });
});
