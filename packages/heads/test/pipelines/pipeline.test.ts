// The pipelines end to end over the toy tokenizer and fixed-logit models, with hand-worked results,
// plus batching: bucketed batches must equal one-at-a-time runs, padded batches do not (for a model
// that, like ConvBERT, sees the padding).
import { describe, expect, it } from 'vitest';
import { planBatches } from '../../src/batching.js';
import { pipeline } from '../../src/index.js';
import { FakeBaseModel, FakeChoiceModel, FakeQaModel, FakeSequenceModel, FakeTokenModel, qaModel } from '../helpers/fake-models.js';
import { lnp, ToyTokenizer, toyConfig, VOCAB } from '../helpers/toy.js';

const tok = new ToyTokenizer();
const id = (t: string) => VOCAB.indexOf(t as (typeof VOCAB)[number]);
const real = (ids: number[]) => ids.filter((x) => x !== 0).length;
const code = (c: string) => expect.objectContaining({ code: c });

describe('planBatches', () => {
  it('bucketed groups equal lengths (first-appearance order), padded takes consecutive chunks', () => {
    expect(planBatches([3, 5, 3, 3, 5], 2, 'bucketed')).toEqual([[0, 2], [3], [1, 4]]);
    expect(planBatches([3, 5, 3, 3, 5], 2, 'padded')).toEqual([[0, 1], [2, 3], [4]]);
    expect(() => planBatches([1], 0)).toThrow(code('INVALID_OPTION'));
  });
});

describe('text-classification pipeline', () => {
  // logits [0, real − 0.5·(padded − real)]: alone the second logit is the token count.
  const config = toyConfig({ id2label: { 0: 'NEGATIVE', 1: 'POSITIVE' } });
  const make = () => new FakeSequenceModel(config, (ids, seq) => [0, real(ids) - 0.5 * (seq - real(ids))]);

  it('single text: softmax([0, 5]) for 5 tokens', async () => {
    const classify = pipeline('text-classification', make(), tok);
    const [top] = await classify('the cat sat'); // [CLS] the cat sat [SEP]
    expect(top.label).toBe('POSITIVE');
    expect(top.score).toBeCloseTo(1 / (1 + Math.exp(-5)), 6);
    const all = await classify('the cat sat', { topK: null, functionToApply: 'none' });
    expect(all).toEqual([
      { label: 'POSITIVE', score: 5 },
      { label: 'NEGATIVE', score: 0 },
    ]);
  });

  it('pairs are encoded as [CLS] a [SEP] b [SEP]', async () => {
    const model = new FakeSequenceModel(config, (ids) => [0, ids.length]);
    const classify = pipeline('text-classification', model, tok, { functionToApply: 'none' });
    // A pair object gives the best label itself, as the reference; 3 + 2 + 1 tokens.
    expect(await classify({ text: 'the cat', text_pair: 'sat' })).toEqual({ label: expect.any(String), score: 6 });
    expect(await classify({ text: 'the cat', textPair: 'sat' }, { topK: 1 })).toEqual([{ label: expect.any(String), score: 6 }]);
    await expect(classify({ text: 'the cat', textPair: 5 } as never)).rejects.toThrow(code('INVALID_INPUT'));
    await expect(classify({ text: 'the cat', text_pari: 'sat' } as never)).rejects.toThrow(/did you mean "text_pair"/);
  });

  it('bucketed batching equals one-at-a-time; padded batching does not', async () => {
    const texts = ['the cat sat', 'the dog', 'a b c', 'the cat', 'hello'];
    const alone = await pipeline('text-classification', make(), tok, { topK: null })(texts);
    const bucketModel = make();
    const bucketed = await pipeline('text-classification', bucketModel, tok, { topK: null })(texts, { batchSize: 8 });
    expect(bucketed).toEqual(alone);
    // Lengths 5, 4, 5, 4, 3 → calls [2, 5], [2, 4], [1, 3].
    expect(bucketModel.calls).toEqual([
      [2, 5],
      [2, 4],
      [1, 3],
    ]);
    const padded = await pipeline('text-classification', make(), tok, { topK: null })(texts, { batchSize: 8, batching: 'padded' });
    expect(padded).not.toEqual(alone);
    expect(padded[0]).toEqual(alone[0]); // the longest is not padded
  });

  it('bad input: empty text, topK 0, empty list', async () => {
    const classify = pipeline('text-classification', make(), tok);
    await expect(classify('  ')).rejects.toThrow(code('EMPTY_INPUT'));
    await expect(classify('the cat', { topK: 0 })).rejects.toThrow(code('INVALID_TOP_K'));
    await expect(classify([])).rejects.toThrow(code('EMPTY_INPUT'));
    await expect(classify({ text: 'the', textPair: '' })).rejects.toThrow(code('EMPTY_INPUT'));
  });
});

describe('fill-mask pipeline', () => {
  const config = toyConfig();
  // At a [MASK]: cat .5, dog .3, sat .2; elsewhere flat.
  const probs = new Array(VOCAB.length).fill(0);
  probs[id('cat')] = 0.5;
  probs[id('dog')] = 0.3;
  probs[id('sat')] = 0.2;
  const make = () => new FakeTokenModel(config, (tid) => (tid === tok.maskTokenId ? lnp(probs) : new Array(VOCAB.length).fill(0)));

  it('one mask → one list; several inputs → one result each', async () => {
    const fill = pipeline('fill-mask', make(), tok);
    const out = await fill('The [MASK] sat', { topK: 2 });
    expect(out).toEqual([
      { score: expect.closeTo(0.5, 6), token: id('cat'), token_str: 'cat', sequence: 'the cat sat' },
      { score: expect.closeTo(0.3, 6), token: id('dog'), token_str: 'dog', sequence: 'the dog sat' },
    ]);
    const many = await fill(['the [MASK]', '[MASK] [MASK]'], { topK: 1, targets: ['dog', 'sat'] });
    expect(many[0]).toEqual([{ score: expect.closeTo(0.3, 6), token: id('dog'), token_str: 'dog', sequence: 'the dog' }]);
    expect((many[1] as unknown[]).length).toBe(2);
  });

  it('bad input: no mask, empty text, topK ≤ 0', async () => {
    const fill = pipeline('fill-mask', make(), tok);
    await expect(fill('the cat sat')).rejects.toThrow(code('NO_MASK_TOKEN'));
    await expect(fill('')).rejects.toThrow(code('EMPTY_INPUT'));
    await expect(fill('the [MASK]', { topK: 0 })).rejects.toThrow(code('INVALID_TOP_K'));
    await expect(fill('the [MASK]', { topK: -1 })).rejects.toThrow(code('INVALID_TOP_K'));
  });
});

describe('token-classification pipeline', () => {
  const config = toyConfig({ id2label: { 0: 'O', 1: 'B-ORG', 2: 'I-ORG' } });
  // micro → B-ORG .8, ##soft → I-ORG .6, anything else O .9
  const table: Record<number, number[]> = {
    [id('micro')]: [0.1, 0.8, 0.1],
    [id('##soft')]: [0.2, 0.2, 0.6],
  };
  const model = new FakeTokenModel(config, (tid) => lnp(table[tid] ?? [0.9, 0.05, 0.05]));

  it('entities carry character offsets into the original text', async () => {
    const ner = pipeline('token-classification', model, tok);
    const text = '  Hello   MICROSOFT!';
    const none = await ner(text);
    expect(none.map((e) => [e.entity, e.word, e.start, e.end, text.slice(e.start, e.end)])).toEqual([
      ['B-ORG', 'micro', 10, 15, 'MICRO'],
      ['I-ORG', '##soft', 15, 19, 'SOFT'],
    ]);
    const simple = await ner(text, { aggregationStrategy: 'simple' });
    // B-ORG then I-ORG join: score (0.8 + 0.6) / 2 = 0.7.
    expect(simple).toEqual([{ entity_group: 'ORG', score: expect.closeTo(0.7, 6), word: 'microsoft', start: 10, end: 19 }]);
  });
});

describe('question-answering pipeline', () => {
  const config = toyConfig({ max_position_embeddings: 64 });
  // Start and end logits ln 8 on "gamma", 0 elsewhere.
  const make = () => qaModel(new FakeQaModel(config, (tid) => (tid === id('gamma') ? [Math.log(8), Math.log(8)] : [0, 0])));
  const context = 'a b c d e f gamma';

  it('long contexts run in stride windows; the answer comes from the window that holds it', async () => {
    // maxSeqLen 8 with a one-token question leaves 4 context tokens per window; stride 2:
    // windows [a b c d], [c d e f], [e f gamma]. In the last, desired tokens [CLS] e f gamma have
    // weights 1, 1, 1, 8 → P_start(gamma) = P_end(gamma) = 8/11 → score 64/121.
    const model = make();
    const qa = pipeline('question-answering', model, tok);
    const answer = await qa({ question: 'where', context }, { maxSeqLen: 8, docStride: 2 });
    expect(model.calls).toEqual([
      [1, 8],
      [1, 8],
      [1, 7],
    ]);
    expect(answer).toEqual({ score: expect.closeTo(64 / 121, 6), start: 12, end: 17, answer: 'gamma' });
  });

  it('handleImpossibleAnswer uses the smallest null score over windows', async () => {
    // Nulls: windows 1-2 have 5 equal weights → (1/5)² = 0.04; window 3 → (1/11)² = 1/121.
    const qa = pipeline('question-answering', make(), tok);
    const answers = await qa({ question: 'where', context }, { maxSeqLen: 8, docStride: 2, topK: 50, handleImpossibleAnswer: true });
    const nul = (answers as { answer: string; score: number }[]).find((a) => a.answer === '');
    expect(nul?.score).toBeCloseTo(1 / 121, 9);
  });

  it('several questions at once, one result each', async () => {
    const qa = pipeline('question-answering', make(), tok);
    const out = await qa({ question: ['where', 'where is'], context }, { maxSeqLen: 9, docStride: 1 });
    expect(out).toHaveLength(2);
    expect(out.map((a) => (a as { answer: string }).answer)).toEqual(['gamma', 'gamma']);
  });

  it('bad input: no context, no question, topK 0, stride too large', async () => {
    const qa = pipeline('question-answering', make(), tok);
    await expect(qa({ question: 'where', context: '' })).rejects.toThrow(code('MISSING_CONTEXT'));
    await expect(qa({ question: 'where' } as never)).rejects.toThrow(code('MISSING_CONTEXT'));
    await expect(qa({ question: '', context })).rejects.toThrow(code('EMPTY_INPUT'));
    await expect(qa({ context } as never)).rejects.toThrow(code('MISSING_QUESTION'));
    await expect(qa({ question: 'where', context }, { topK: 0 })).rejects.toThrow(code('INVALID_TOP_K'));
    await expect(qa({ question: 'where', context }, { maxSeqLen: 8, docStride: 9 })).rejects.toThrow(code('INVALID_OPTION'));
    await expect(qa({ question: 'where', context }, { maxSeqLen: 8, docStride: 4 })).rejects.toThrow(code('INVALID_OPTION'));
  });
});

describe('multiple-choice pipeline', () => {
  const config = toyConfig();
  // logit = ln(real tokens − 5) − (padded − real): alone, choices of 6, 7, 8 tokens give ln 1, ln 2, ln 3.
  const make = () => new FakeChoiceModel(config, (ids, seq) => Math.log(real(ids) - 5) - (seq - real(ids)));

  it('softmax over the choices: [1, 2, 3] / 6', async () => {
    const model = make();
    const mc = pipeline('multiple-choice', model, tok);
    const out = await mc('the cat', ['sat', 'dog sat', 'a b c'], { batchSize: 4 });
    // (float32 logits: scores agree to ~1e-8)
    expect(out.map((s) => [s.choice, s.score])).toEqual([
      ['a b c', expect.closeTo(3 / 6, 7)],
      ['dog sat', expect.closeTo(2 / 6, 7)],
      ['sat', expect.closeTo(1 / 6, 7)],
    ]);
    // Bucketed: three lengths → three unpadded calls, each viewed as [1, choices, seq].
    expect(model.calls).toEqual([
      [1, 1, 6],
      [1, 1, 7],
      [1, 1, 8],
    ]);
    // The same call as one { prompt, choices } object.
    expect(await mc({ prompt: 'the cat', choices: ['sat', 'dog sat', 'a b c'] })).toEqual(out);
    const padded = await pipeline('multiple-choice', make(), tok)('the cat', ['sat', 'dog sat', 'a b c'], {
      batchSize: 3,
      batching: 'padded',
    });
    expect(padded.find((s) => s.index === 0)?.score).not.toBeCloseTo(1 / 6, 3);
  });

  it('several prompts; bad choices', async () => {
    const mc = pipeline('multiple-choice', make(), tok);
    const out = await mc([
      { prompt: 'the cat', choices: ['sat', 'dog sat'] },
      { prompt: 'the dog', choices: ['a b c'] },
    ]);
    expect(out.map((r) => r.length)).toEqual([2, 1]);
    expect(out[1][0].score).toBe(1);
    await expect(mc('the cat', [])).rejects.toThrow(code('INVALID_CHOICES'));
    await expect(mc('the cat', ['sat', ''])).rejects.toThrow(code('EMPTY_INPUT'));
    await expect(mc('', ['sat'])).rejects.toThrow(code('EMPTY_INPUT'));
  });
});

describe('feature-extraction pipeline', () => {
  // hidden state of a token = [id, 1]
  const model = new FakeBaseModel(toyConfig({ hidden_size: 2, embedding_size: 2, num_attention_heads: 1 }), (tid) => [tid, 1]);
  it('pooling none / cls / mean and normalize', async () => {
    const fe = pipeline('feature-extraction', model, tok);
    // [CLS]=2, the=5, cat=6, [SEP]=3
    expect(await fe('the cat')).toEqual({ type: 'float32', data: Float32Array.from([2, 1, 5, 1, 6, 1, 3, 1]), dims: [4, 2] });
    expect(await fe('the cat', { pooling: 'cls' })).toEqual({ type: 'float32', data: Float32Array.from([2, 1]), dims: [2] });
    // mean = [(2+5+6+3)/4, 1] = [4, 1]; normalised: [4, 1] / √17
    expect(await fe('the cat', { pooling: 'mean' })).toEqual({ type: 'float32', data: Float32Array.from([4, 1]), dims: [2] });
    const n = await fe('the cat', { pooling: 'mean', normalize: true });
    expect(Array.from(n.data)).toEqual([Math.fround(4 / Math.sqrt(17)), Math.fround(1 / Math.sqrt(17))]);
  });
  it('unknown task and bad pooling are errors', async () => {
    expect(() => (pipeline as (...a: unknown[]) => unknown)('summarization', model, tok)).toThrow(code('UNKNOWN_TASK'));
    await expect(pipeline('feature-extraction', model, tok)('the', { pooling: 'max' as never })).rejects.toThrow(code('INVALID_OPTION'));
  });
});
