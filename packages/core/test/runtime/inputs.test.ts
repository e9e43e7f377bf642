import { readFileSync } from 'node:fs';
import { checkpointDir } from '@convbert/test-fixtures';
import { describe, expect, it } from 'vitest';
import {
  type Backend,
  ConvBertEncoder,
  CoreError,
  MemorySource,
  OutputTensor,
  prepareEncoderFeeds,
  type Session,
  type Tensor,
} from '../../src/index.js';

const limits = { vocabSize: 110, maxPositions: 8, typeVocabSize: 2 };

function code(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(CoreError);
    return (e as CoreError).code;
  }
  throw new Error('expected a CoreError');
}

describe('prepareEncoderFeeds', () => {
  it('accepts number[][], bigint[][] and typed arrays with dims alike, with reference defaults', () => {
    const a = prepareEncoderFeeds({ inputIds: [[101, 7, 102]] }, limits);
    const b = prepareEncoderFeeds({ inputIds: [[101n, 7n, 102n]] }, limits);
    const c = prepareEncoderFeeds({ inputIds: { data: new BigInt64Array([101n, 7n, 102n]), dims: [1, 3] } }, { ...limits, vocabSize: 200 });
    const d = prepareEncoderFeeds({ inputIds: { data: new Int32Array([1, 7, 2]), dims: [1, 3] } }, limits);
    expect([...a.feeds.input_ids.data]).toEqual([101n, 7n, 102n]);
    expect(b.feeds.input_ids.data).toEqual(a.feeds.input_ids.data);
    expect(c.feeds.input_ids.dims).toEqual([1, 3]);
    expect([...d.feeds.input_ids.data]).toEqual([1n, 7n, 2n]);
    expect([...a.feeds.attention_mask.data]).toEqual([1n, 1n, 1n]);
    expect([...a.feeds.token_type_ids.data]).toEqual([0n, 0n, 0n]);
  });

  it('refuses bad inputs with coded errors', () => {
    expect(code(() => prepareEncoderFeeds({ inputIds: [[1, 110]] }, limits))).toBe('INPUT_OUT_OF_RANGE');
    expect(code(() => prepareEncoderFeeds({ inputIds: [[1, -1]] }, limits))).toBe('INPUT_OUT_OF_RANGE');
    expect(code(() => prepareEncoderFeeds({ inputIds: [[1, 2, 3, 4, 5, 6, 7, 8, 9]] }, limits))).toBe('INPUT_TOO_LONG');
    expect(code(() => prepareEncoderFeeds({ inputIds: [[1, 2], [3]] }, limits))).toBe('INPUT_RAGGED');
    expect(code(() => prepareEncoderFeeds({ inputIds: [[1, 2]], attentionMask: [[1, 1, 1]] }, limits))).toBe('INPUT_SHAPE_MISMATCH');
    expect(code(() => prepareEncoderFeeds({ inputIds: [[1, 2]], tokenTypeIds: [[0], [0]] }, limits))).toBe('INPUT_SHAPE_MISMATCH');
    expect(code(() => prepareEncoderFeeds({ inputIds: [[1, 2]], tokenTypeIds: [[0, 2]] }, limits))).toBe('INPUT_OUT_OF_RANGE');
    expect(code(() => prepareEncoderFeeds({ inputIds: [[1, 2]], attentionMask: [[1, 3]] }, limits))).toBe('INPUT_OUT_OF_RANGE');
    expect(code(() => prepareEncoderFeeds({ inputIds: { data: new BigInt64Array(3), dims: [2, 2] } }, limits))).toBe(
      'INPUT_SHAPE_MISMATCH',
    );
    expect(code(() => prepareEncoderFeeds({ inputIds: { data: new BigInt64Array(3), dims: [3] } }, limits))).toBe('INPUT_SHAPE_MISMATCH');
    expect(code(() => prepareEncoderFeeds({ inputIds: [[1.5]] }, limits))).toBe('INVALID_INPUT');
    expect(code(() => prepareEncoderFeeds({ inputIds: [] }, limits))).toBe('INVALID_INPUT');
    expect(code(() => prepareEncoderFeeds({ inputIds: [[]] }, limits))).toBe('INVALID_INPUT');
    expect(code(() => prepareEncoderFeeds({} as never, limits))).toBe('INVALID_INPUT');
  });
});

/** A backend that records what reaches it, to prove validation happens first. */
function recordingBackend() {
  const calls: { model: number; runs: Record<string, Tensor>[] } = { model: 0, runs: [] };
  const backend: Backend = {
    name: 'recording',
    async createSession(model: Uint8Array): Promise<Session> {
      calls.model = model.byteLength;
      return {
        inputNames: ['input_ids', 'attention_mask', 'token_type_ids'],
        outputNames: ['last_hidden_state'],
        async run(feeds) {
          calls.runs.push(feeds);
          const [b, l] = (feeds.input_ids as Tensor).dims;
          return {
            last_hidden_state: { data: new Float32Array((b as number) * (l as number) * 32), dims: [b as number, l as number, 32] },
          };
        },
        async release() {},
      };
    },
  };
  return { backend, calls };
}

describe('ConvBertEncoder', () => {
  const dir = checkpointDir('tiny', 'base');
  const source = new MemorySource({
    'config.json': readFileSync(`${dir}/config.json`, 'utf8'),
    'model.safetensors': new Uint8Array(readFileSync(`${dir}/model.safetensors`)),
  });

  it('builds a graph from a checkpoint source and validates inputs before the backend runs', async () => {
    const { backend, calls } = recordingBackend();
    const model = await ConvBertEncoder.load(source, backend);
    expect(model.info).toMatchObject({ kind: 'built', file: 'model.safetensors', dtype: 'fp32' });
    expect(calls.model).toBeGreaterThan(30522 * 16 * 4);
    await expect(model.forward({ inputIds: [[1, 30522]] })).rejects.toMatchObject({ code: 'INPUT_OUT_OF_RANGE' });
    await expect(model.forward({ inputIds: [Array(129).fill(1)] })).rejects.toMatchObject({ code: 'INPUT_TOO_LONG' });
    await expect(model.forward({ inputIds: [[1, 2], [1]] })).rejects.toMatchObject({ code: 'INPUT_RAGGED' });
    expect(calls.runs.length).toBe(0);
    const out = await model.forward({ inputIds: [[101, 102]] });
    expect(out.lastHiddenState.dims).toEqual([1, 2, 32]);
    expect(calls.runs.length).toBe(1);
    await expect(model.forward({ inputIds: [[101]] }, { outputAttentions: true })).rejects.toMatchObject({
      code: 'BACKEND_OUTPUT_MISSING',
    });
    await model.dispose();
    await expect(model.forward({ inputIds: [[101]] })).rejects.toMatchObject({ code: 'MODEL_DISPOSED' });
  });

  it('prefers an ONNX export, and says what is missing', async () => {
    const { backend } = recordingBackend();
    const onnx = new MemorySource({ 'onnx/model.onnx': new Uint8Array([1, 2, 3]) });
    const m = await ConvBertEncoder.load(onnx, backend);
    expect(m.info.kind).toBe('onnx');
    expect(m.config).toBeUndefined();
    expect(m.info.file).toBe('onnx/model.onnx');
    await expect(ConvBertEncoder.load(new MemorySource({}), backend)).rejects.toMatchObject({ code: 'MODEL_FILES_MISSING' });
    await expect(ConvBertEncoder.load(new MemorySource({ 'config.json': '{"model_type":"convbert"}' }), backend)).rejects.toThrow(
      /neither weights/,
    );
  });
});

describe('forward inputs as the tokenizer and the reference give them', () => {
  const enc = (ids: number[]) => ({ inputIds: ids, attentionMask: ids.map(() => 1), tokenTypeIds: ids.map(() => 0), tokens: [] });

  it('one encoding is a batch of one; an array of encodings is stacked; snake_case names are the same inputs', () => {
    expect(prepareEncoderFeeds(enc([101, 7, 102])).feeds.input_ids).toEqual({ data: BigInt64Array.from([101n, 7n, 102n]), dims: [1, 3] });
    const two = prepareEncoderFeeds([enc([101, 7, 102]), enc([101, 8, 102])]).feeds;
    expect(two.input_ids.dims).toEqual([2, 3]);
    expect(Array.from(two.input_ids.data, Number)).toEqual([101, 7, 102, 101, 8, 102]);
    const snake = prepareEncoderFeeds({ input_ids: [[101, 7, 102]], token_type_ids: [[0, 1, 1]] }).feeds;
    expect(Array.from(snake.token_type_ids.data, Number)).toEqual([0, 1, 1]);
  });

  it('refuses encodings of unequal length, both spellings at once, and arrays of non-encodings', () => {
    expect(() => prepareEncoderFeeds([enc([101, 102]), enc([101, 7, 102])])).toThrow(expect.objectContaining({ code: 'INPUT_RAGGED' }));
    expect(() => prepareEncoderFeeds({ inputIds: [[1]], input_ids: [[1]] } as never)).toThrow(/both inputIds and input_ids/);
    expect(() => prepareEncoderFeeds([[1, 2]] as never)).toThrow(/not one encoding/);
  });

  it('outputs are Tensors with type and tolist()', () => {
    const t = new OutputTensor(Float32Array.from([1, 2, 3, 4, 5, 6]), [1, 2, 3]);
    expect([t.type, t.size, t.tolist()]).toEqual([
      'float32',
      6,
      [
        [
          [1, 2, 3],
          [4, 5, 6],
        ],
      ],
    ]);
    expect(new OutputTensor(BigInt64Array.from([1n, 2n]), [2]).tolist()).toEqual([1n, 2n]);
  });
});
