// Option bags and input objects are checked (the reference's snake_case names accepted, anything
// else refused with the nearest valid name), unknown tasks are named as such, and inputs longer than
// the model are reported as `onTruncation` says — never cut silently where it changes the answer.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { pipeline } from '../../src/index.js';
import { FakeQaModel, FakeSequenceModel, FakeTokenModel, qaModel } from '../helpers/fake-models.js';
import { ToyTokenizer, toyConfig, VOCAB } from '../helpers/toy.js';

const tok = new ToyTokenizer();
const code = (c: string) => expect.objectContaining({ code: c });
const config = toyConfig({ id2label: { 0: 'NEGATIVE', 1: 'POSITIVE' } });
const classifier = () => new FakeSequenceModel(config, (ids) => [0, ids.length]);

afterEach(() => vi.restoreAllMocks());

describe('option bags', () => {
  it('take the reference’s snake_case names as their camelCase keys', async () => {
    const classify = pipeline('text-classification', classifier(), tok);
    const snake = await classify('the cat', { top_k: null, function_to_apply: 'none' } as never);
    expect(snake).toEqual(await classify('the cat', { topK: null, functionToApply: 'none' }));
    expect(snake).toHaveLength(2);
    const ner = pipeline('token-classification', new FakeTokenModel(toyConfig(), () => [0, 1]), tok, {
      aggregation_strategy: 'simple',
      ignore_labels: [],
    } as never);
    expect((await ner('the cat'))[0]).toHaveProperty('entity_group');
  });

  it('refuse unknown keys, at creation and per call, naming the key and the nearest valid one', async () => {
    expect(() => pipeline('fill-mask', new FakeTokenModel(toyConfig(), () => [0]), tok, { topk: 3 } as never)).toThrow(
      expect.objectContaining({ code: 'UNKNOWN_OPTION', key: 'topk', suggestion: 'topK' }),
    );
    const classify = pipeline('text-classification', classifier(), tok);
    await expect(classify('the cat', { functionToAply: 'none' } as never)).rejects.toThrow(
      /unknown option "functionToAply".*functionToApply/,
    );
    await expect(classify('the cat', { output_hidden_states: true } as never)).rejects.toThrow(code('UNKNOWN_OPTION'));
    const qa = pipeline('question-answering', qaModel(new FakeQaModel(toyConfig(), () => [0, 0])), tok);
    await expect(qa({ question: 'where is paris ?', context: 'paris' }, { max_seq_length: 32 } as never)).rejects.toThrow(
      /did you mean "maxSeqLen"/,
    );
  });

  it('an unknown task is "unknown task", whatever else is missing', () => {
    expect(() => pipeline('summarization' as never, classifier() as never, tok)).toThrow(
      expect.objectContaining({ code: 'UNKNOWN_TASK', message: expect.stringMatching(/^unknown task "summarization"/) }),
    );
  });
});

describe('input objects', () => {
  it('question answering refuses unknown or mistyped fields', async () => {
    const qa = pipeline('question-answering', qaModel(new FakeQaModel(toyConfig(), () => [0, 0])), tok);
    await expect(qa({ question: 'where ?', context: 'paris', contxt: 'x' } as never)).rejects.toThrow(/unknown field "contxt".*"context"/);
    await expect(qa({ question: 'where ?', context: 5 } as never)).rejects.toThrow(code('INVALID_INPUT'));
  });
});

describe('inputs longer than the model', () => {
  const short = new ToyTokenizer(6); // [CLS] + 4 tokens + [SEP]
  const long = 'the cat sat in paris city';

  it('warn once per pipeline by default; `error` refuses; a function gets each message', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const classify = pipeline('text-classification', classifier(), short);
    await classify(long);
    await classify([long, long]);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0][0]).toMatch(/input 0 has 8 tokens, more than the model's 6/);
    await expect(classify(long, { onTruncation: 'error' })).rejects.toThrow(code('INPUT_TOO_LONG'));
    const seen: string[] = [];
    await classify(['the cat', long], { onTruncation: (m) => seen.push(m) });
    expect(seen).toEqual([expect.stringMatching(/^text-classification: input 1 has 8 tokens/)]);
    await classify('the cat', { onTruncation: 'error' }); // fits: no error
  });

  it('a [MASK] in the part cut away is an error that says so, not a missing prediction', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const fill = pipeline('fill-mask', new FakeTokenModel(toyConfig(), () => new Array(VOCAB.length).fill(0)), short);
    await expect(fill('the cat sat in [MASK]')).rejects.toThrow(
      expect.objectContaining({ code: 'INPUT_TOO_LONG', message: expect.stringMatching(/1 of its 1 \[MASK\] lie beyond the model's 6/) }),
    );
    await expect(fill('[MASK] cat sat in the city', { topK: 1 })).resolves.toHaveLength(1);
  });
});
