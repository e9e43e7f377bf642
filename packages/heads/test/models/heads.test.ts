// Model classes: extra outputs, bad inputs and labels, and that they fit the pipelines' interfaces.
import { ConvBertEncoder, MemorySource } from '@convbert/core';
import { compareClose, loadManifest, readTensor } from '@convbert/test-fixtures';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import {
  type ConvBertForMaskedLM,
  ConvBertForMultipleChoice,
  ConvBertForQuestionAnswering,
  ConvBertForSequenceClassification,
  type ConvBertForTokenClassification,
  type ConvBertModel,
  type FeatureExtractionModelLike,
  loadModelForTask,
  type MultipleChoiceLike,
  type QuestionAnsweringLike,
  type SequenceClassificationLike,
} from '../../src/index.js';
import { checkpointSource, onnxSource, ortBackend } from '../helpers/ort.js';

const code = (c: string) => expect.objectContaining({ code: c });

describe('interfaces', () => {
  it('loadModelForTask gives the class of its task', () => {
    expectTypeOf(loadModelForTask<'fill-mask'>).returns.resolves.toEqualTypeOf<ConvBertForMaskedLM>();
    expectTypeOf(loadModelForTask<'ner'>).returns.resolves.toEqualTypeOf<ConvBertForTokenClassification>();
    expectTypeOf(loadModelForTask<'feature-extraction'>).returns.resolves.toEqualTypeOf<ConvBertModel>();
  });

  it('the head classes and core’s encoder fit the pipelines', () => {
    expectTypeOf<ConvBertForSequenceClassification>().toMatchTypeOf<SequenceClassificationLike>();
    expectTypeOf<ConvBertForMultipleChoice>().toMatchTypeOf<MultipleChoiceLike>();
    expectTypeOf<ConvBertForQuestionAnswering>().toMatchTypeOf<QuestionAnsweringLike>();
    expectTypeOf<ConvBertEncoder>().toMatchTypeOf<FeatureExtractionModelLike>();
  });
});

describe('ConvBertForSequenceClassification (tiny)', () => {
  const manifest = loadManifest('tiny');
  const c = manifest.cases.find((x) => x.name === 'pair_question_context');
  const r = manifest.results.find((x) => x.head === 'sequence-classification' && x.case === 'pair_question_context' && x.kind !== 'loss');
  if (!c || !r) throw new Error('fixture case missing');
  const inputs = {
    inputIds: readTensor('tiny', c.inputs.input_ids) as { data: BigInt64Array; dims: number[] },
    tokenTypeIds: readTensor('tiny', c.inputs.token_type_ids) as { data: BigInt64Array; dims: number[] },
  };
  let built: ConvBertForSequenceClassification;
  let exported: ConvBertForSequenceClassification;
  beforeAll(async () => {
    built = await ConvBertForSequenceClassification.load(checkpointSource('tiny', 'sequence-classification'), ortBackend);
    exported = await ConvBertForSequenceClassification.load(onnxSource('tiny', 'sequence-classification'), ortBackend);
  });
  afterAll(async () => {
    await built?.dispose();
    await exported?.dispose();
  });

  it('says how it was loaded', () => {
    expect(built.info).toMatchObject({ head: 'sequence-classification', kind: 'built', file: 'model.safetensors', dtype: 'fp32' });
    expect(exported.info.kind).toBe('onnx');
  });

  it('returns hidden states and attentions; the last hidden state is the reference encoder output', async () => {
    const out = await built.forward(inputs, { outputHiddenStates: true, outputAttentions: true });
    expect(out.hiddenStates).toHaveLength(3);
    expect(out.attentions?.map((a) => a.dims)).toEqual([
      [1, 2, 35, 35],
      [1, 2, 35, 35],
    ]);
    const gold = readTensor('tiny', r.outputs.encoder_last_hidden_state).data as Float32Array;
    expect(compareClose(out.hiddenStates?.[2].data ?? [], gold).ok).toBe(true);
  });

  it('returns the dynamic-convolution kernels: [B, L, heads, k], each a softmax over its k taps', async () => {
    const out = await built.forward(inputs, { outputConvKernels: true });
    expect(out.convKernels?.map((k) => k.dims)).toEqual([
      [1, 35, 2, 9],
      [1, 35, 2, 9],
    ]);
    const k0 = out.convKernels?.[0]?.data ?? new Float32Array();
    for (let row = 0; row < k0.length / 9; row++) {
      let sum = 0;
      for (let j = 0; j < 9; j++) sum += k0[row * 9 + j] as number;
      expect(Math.abs(sum - 1)).toBeLessThan(1e-5);
    }
  });

  it('an ONNX export without hidden-state outputs says so', async () => {
    await expect(exported.forward(inputs, { outputHiddenStates: true })).rejects.toThrow(code('BACKEND_OUTPUT_MISSING'));
  });

  it('labels of the wrong shape or value are refused', async () => {
    await expect(built.forward({ ...inputs, labels: [0, 1] })).rejects.toThrow(code('LABELS_SHAPE'));
    await expect(built.forward({ ...inputs, labels: [7] })).rejects.toThrow(code('LABELS_VALUE'));
    const ok = await built.forward({ ...inputs, labels: Float32Array.from([0, 1, 0]) });
    expect(ok.problemType).toBe('multi_label_classification');
  });

  it('a disposed model refuses to run', async () => {
    const m = await ConvBertForSequenceClassification.load(checkpointSource('tiny', 'sequence-classification'), ortBackend);
    await m.dispose();
    await expect(m.forward(inputs)).rejects.toThrow(code('MODEL_DISPOSED'));
  });

  it('a folder without config.json cannot become a head', async () => {
    const onnx = onnxSource('tiny', 'sequence-classification');
    await expect(
      ConvBertForSequenceClassification.load(new MemorySource({ 'model.onnx': await onnx.read('model.onnx') }), ortBackend),
    ).rejects.toThrow(code('MODEL_FILES_MISSING'));
  });

  it('a model of another head is named in the error', async () => {
    const qa = await ConvBertForQuestionAnswering.load(onnxSource('tiny', 'sequence-classification'), ortBackend);
    await expect(qa.forward(inputs)).rejects.toThrow(code('BACKEND_OUTPUT_MISSING'));
    await expect(qa.forward(inputs)).rejects.toThrow(/it is not a ConvBertForQuestionAnswering export/);
    await qa.dispose();
  });
});

describe('ConvBertForMultipleChoice inputs', () => {
  let model: ConvBertForMultipleChoice;
  beforeAll(async () => {
    model = await ConvBertForMultipleChoice.load(checkpointSource('tiny', 'multiple-choice'), ortBackend);
  });
  afterAll(() => model?.dispose());

  it('nested arrays [batch][choice][token] run; ragged choices are refused', async () => {
    const ok = await model.forward({
      inputIds: [
        [
          [101, 2054, 102],
          [101, 2129, 102],
        ],
      ],
      labels: [1],
    });
    expect(ok.logits.dims).toEqual([1, 2]);
    expect(Number.isFinite(ok.loss)).toBe(true);
    await expect(
      model.forward({
        inputIds: [
          [
            [101, 2054, 102],
            [101, 102],
          ],
        ],
      }),
    ).rejects.toThrow(code('INVALID_CHOICES'));
    await expect(
      model.forward({
        inputIds: [
          [[101, 102]],
          [
            [101, 102],
            [101, 102],
          ],
        ],
      }),
    ).rejects.toThrow(code('INVALID_CHOICES'));
    await expect(model.forward({ inputIds: [[[101, 102]]], labels: [[0]] })).rejects.toThrow(code('LABELS_SHAPE'));
    await expect(model.forward({ inputIds: { data: [101, 102], dims: [1, 2] } })).rejects.toThrow(code('INPUT_SHAPE'));
  });
});

describe('loadModelForTask', () => {
  it('loads the head a task needs (the bare encoder for feature-extraction)', async () => {
    const enc = await loadModelForTask('feature-extraction', checkpointSource('tiny', 'base'), ortBackend);
    expect(enc).toBeInstanceOf(ConvBertEncoder);
    const qa = await loadModelForTask('question-answering', checkpointSource('tiny', 'question-answering'), ortBackend);
    expect(qa).toBeInstanceOf(ConvBertForQuestionAnswering);
    await enc.dispose();
    await qa.dispose();
    await expect(loadModelForTask('translation' as never, checkpointSource('tiny', 'base'), ortBackend)).rejects.toThrow(
      code('UNKNOWN_TASK'),
    );
  });

  it('refuses a task named like a JavaScript built-in (issue 22, 10)', async () => {
    for (const task of ['constructor', 'toString', '__proto__']) {
      await expect(loadModelForTask(task as never, checkpointSource('tiny', 'base'), ortBackend)).rejects.toThrow(code('UNKNOWN_TASK'));
    }
  });
});
