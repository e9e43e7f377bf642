// Every head on every golden case, through the graph built from the checkpoint and through the
// torch-exported ONNX file: logits within 1e-4 (+1e-4 relative) of PyTorch's, losses within 1e-5
// relative.

import type { ModelLoadOptions } from '@convbert/core';
import { type ConfigName, type GoldenCase, loadManifest, readTensor } from '@convbert/test-fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ConvBertForMaskedLM,
  ConvBertForMultipleChoice,
  ConvBertForQuestionAnswering,
  ConvBertForSequenceClassification,
  ConvBertForTokenClassification,
} from '../../src/index.js';
import type { ConvBertHeadModel } from '../../src/models/head-model.js';
import { type AnyForward, checkOutputs, inputsOf, labelsOf } from '../helpers/golden.js';
import { checkpointSource, onnxSource, ortBackend } from '../helpers/ort.js';

type Loader = {
  load(source: ReturnType<typeof checkpointSource>, backend: typeof ortBackend, o?: ModelLoadOptions): Promise<ConvBertHeadModel>;
};
const CLASSES: Record<string, Loader> = {
  'masked-lm': ConvBertForMaskedLM,
  'sequence-classification': ConvBertForSequenceClassification,
  'multiple-choice': ConvBertForMultipleChoice,
  'token-classification': ConvBertForTokenClassification,
  'question-answering': ConvBertForQuestionAnswering,
};

const SUITES: { config: ConfigName; head: string; via: 'built' | 'onnx' }[] = [
  ...Object.keys(CLASSES).flatMap((head) => [
    { config: 'tiny' as const, head, via: 'built' as const },
    { config: 'tiny' as const, head, via: 'onnx' as const },
  ]),
  { config: 'tiny-grouped', head: 'masked-lm', via: 'built' },
];

for (const { config, head, via } of SUITES) {
  describe(`${config} ${head} via ${via === 'built' ? 'the built graph' : 'the torch ONNX export'}`, () => {
    const manifest = loadManifest(config);
    const cases = new Map(manifest.cases.map((c) => [c.name, c]));
    const results = manifest.results.filter((r) => r.head === head);
    let model: AnyForward;
    beforeAll(async () => {
      const source = via === 'built' ? checkpointSource(config, head) : onnxSource(config, head);
      model = (await CLASSES[head].load(source, ortBackend, { format: via === 'built' ? 'checkpoint' : 'onnx' })) as unknown as AnyForward;
    });
    afterAll(() => model?.dispose());

    it('covers every case of its kind', () => {
      const kind = head === 'multiple-choice' ? 'mc' : '2d';
      const covered = new Set(results.filter((r) => r.kind !== 'loss').map((r) => r.case));
      expect([...covered].sort()).toEqual(
        manifest.cases
          .filter((c) => c.kind === kind)
          .map((c) => c.name)
          .sort(),
      );
    });

    for (const result of results) {
      const isLoss = result.kind === 'loss';
      it(`${result.case}${isLoss ? ' (loss)' : ''}`, async () => {
        const inputs = inputsOf(config, cases.get(result.case) as GoldenCase);
        if (isLoss) {
          const out = await model.forward({ ...inputs, ...labelsOf(config, result) });
          const expected = (readTensor(config, result.outputs.loss).data as Float32Array)[0];
          expect(Math.abs(out.loss - expected), `loss ${out.loss} vs ${expected}`).toBeLessThanOrEqual(1e-5 * Math.abs(expected));
        } else {
          checkOutputs(config, head, result, await model.forward(inputs));
        }
      });
    }
  });
}
