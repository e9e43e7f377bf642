// Tokenizer files and texts made by an attacker (issue 22): each runs on the built package in a child
// process with a heap limit, a memory watch and a deadline, so an unfixed tokenizer fails the test by
// being stopped instead of hanging it. The files are made here.
import { distImport, type Outcome, runIsolated } from '@convbert/test-fixtures/isolated';
import { describe, expect, it } from 'vitest';
import { ConvBertTokenizer, ConvBertTokenizerFast, wordPieceTokenizerJson } from '../src/index.js';
import { VOCAB_TEXT } from './helpers.js';

const PROBE = `
${distImport(['ConvBertTokenizer', 'ConvBertTokenizerFast', 'wordPieceTokenizerJson'], new URL('../dist/index.js', import.meta.url))}
async function probe({ kind, vocab, json, text }) {
  const t = kind === 'slow' ? ConvBertTokenizer.fromVocab(vocab)
    : ConvBertTokenizerFast.fromJSON(json ?? wordPieceTokenizerJson(vocab));
  if (text === undefined) return { vocabSize: t.vocabSize };
  const ids = t.encode(text, { addSpecialTokens: false }).inputIds;
  return { vocabSize: t.vocabSize, count: ids.length, ids: ids.slice(0, 4), last: ids.slice(-4) };
}
`;

/**
 * Watchdogs, far from both sides: the fixed code needs well under a tenth of them on a loaded 2-core
 * machine; the attacks took minutes or gigabytes before (a 1M-token vocab.txt: 2.1 GB, a 50 MB one: 7.7 GB).
 */
const LIMITS = { timeoutMs: 120_000, heapMb: 1024, rssMb: 1536 };
const TEST_TIMEOUT = 300_000;

function expectWithinLimits(o: Outcome): void {
  expect(
    o.killed,
    `stopped: ${o.killed} after ${Math.round(o.ms)} ms at ${Math.round(o.peakRssMb)} MiB\n${o.stderr ?? ''}`,
  ).toBeUndefined();
}

/** A vocabulary of the special tokens and `n` distinct tokens of about 12 characters that share few prefixes. */
function bigVocab(n: number): string {
  const lines = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'];
  for (let i = 0; i < n; i++) lines.push(`${((i * 2654435761) >>> 0).toString(36)}${i.toString(36)}`);
  return `${lines.join('\n')}\n`;
}

describe('hostile tokenizer files', () => {
  it(
    '8. 2,000 added tokens sharing a 199-character prefix are matched in time linear in the text',
    async () => {
      const json = JSON.parse(wordPieceTokenizerJson(VOCAB_TEXT)) as { added_tokens: unknown[] };
      const prefix = 'a'.repeat(199);
      for (let i = 0; i < 2000; i++) {
        const content = `${prefix}${String.fromCharCode(0x4e00 + i)}`;
        json.added_tokens.push({
          id: 30522 + i,
          content,
          single_word: false,
          lstrip: false,
          rstrip: false,
          normalized: false,
          special: false,
        });
      }
      // 256 KB of the shared prefix (minutes for a matcher that tries each token at each position), then one token whole
      const text = `${'a'.repeat(262_144)} ${prefix}${String.fromCharCode(0x4e00 + 7)}`;
      const o = await runIsolated(
        PROBE,
        { kind: 'fast', json, text },
        LIMITS,
        'tokenizer.json: 2,000 added tokens with a 199-char common prefix, 256 KB text',
      );
      expectWithinLimits(o);
      expect(o.error).toBeUndefined();
      expect(o.value).toMatchObject({ count: 2, ids: [100, 30522 + 7] }); // [UNK] for the 256 KB word, then the added token
    },
    TEST_TIMEOUT,
  );

  it(
    '9. a 50 MB vocab.txt is refused at a clear bound, quickly, by both tokenizers',
    async () => {
      const vocab = bigVocab(4_200_000);
      expect(vocab.length).toBeGreaterThan(50e6);
      for (const kind of ['slow', 'fast'] as const) {
        const o = await runIsolated(PROBE, { kind, vocab }, LIMITS, `vocab.txt of 50 MB (4.2M tokens), ${kind} tokenizer`);
        expectWithinLimits(o);
        expect(o.error).toMatchObject({ name: 'TokenizerError', code: 'INVALID_VOCAB' });
        expect(o.error?.message).toMatch(/at most [\d,]+ tokens/);
      }
    },
    TEST_TIMEOUT,
  );

  it(
    '9. a vocab.txt at the bound (1M tokens, 13 MB) loads in linear time and memory, slow and fast',
    async () => {
      const vocab = bigVocab(1_048_576 - 5);
      for (const kind of ['slow', 'fast'] as const) {
        const o = await runIsolated(
          PROBE,
          { kind, vocab, text: '[CLS] 1a2b3c' },
          LIMITS,
          `vocab.txt of 13 MB (1M tokens), ${kind} tokenizer`,
        );
        expectWithinLimits(o);
        expect(o.error).toBeUndefined();
        expect(o.value).toMatchObject({ vocabSize: 1_048_576 });
        expect((o.value as { ids: number[] }).ids[0]).toBe(2);
      }
    },
    TEST_TIMEOUT,
  );

  it(
    '11. max_input_chars_per_word 1e9 with a 200,000-character word: the reference pieces, no RangeError',
    async () => {
      const vocab = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]', 'a', 'ab', '##a', '##ab'].join('\n');
      const json = JSON.parse(wordPieceTokenizerJson(vocab)) as { model: { max_input_chars_per_word: number } };
      json.model.max_input_chars_per_word = 1e9;
      const o = await runIsolated(
        PROBE,
        { kind: 'fast', json, text: 'ab'.repeat(100_000) },
        LIMITS,
        'max_input_chars_per_word 1e9, one 200,000-char word',
      );
      expectWithinLimits(o);
      expect(o.error).toBeUndefined();
      // greedy longest-match-first: "ab", then "##ab" for each further pair
      expect(o.value).toMatchObject({ count: 100_000, ids: [6, 8, 8, 8], last: [8, 8, 8, 8] });
    },
    TEST_TIMEOUT,
  );
});

describe('long lists are never spread into a call (its arguments overflow the stack)', () => {
  it('11. padding to 300,000 tokens, and padding a batch of 200,000 texts to the longest', () => {
    const tok = ConvBertTokenizerFast.fromJSON(wordPieceTokenizerJson(VOCAB_TEXT));
    const padded = tok.encode('hello', { padding: 'max_length', maxLength: 300_000 });
    expect(padded.inputIds.length).toBe(300_000);
    expect(padded.inputIds.slice(0, 4)).toEqual([101, 7592, 102, 0]);
    const batch = tok.encodeBatch(
      Array.from({ length: 200_000 }, (_, i) => (i === 7 ? 'hello world' : 'hi')),
      { padding: true },
    );
    expect(batch[0]?.inputIds).toEqual([101, 7632, 102, 0]);
  });
});

describe('tokens named like JavaScript built-ins', () => {
  const NAMES = ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf', '__defineGetter__'];
  const vocab = `${VOCAB_TEXT}${NAMES.join('\n')}\n`;

  it('10. keep their ids in vocab.txt, in the tokenizer.json made from it, and in both tokenizers', () => {
    const slow = ConvBertTokenizer.fromVocab(vocab, { doLowerCase: false });
    const json = wordPieceTokenizerJson(vocab, { doLowerCase: false });
    const modelVocab = (JSON.parse(json) as { model: { vocab: Record<string, number> } }).model.vocab;
    const fast = ConvBertTokenizerFast.fromJSON(json, { do_lower_case: false });
    for (const [i, name] of NAMES.entries()) {
      const id = 30522 + i;
      expect(Object.hasOwn(modelVocab, name) && modelVocab[name], name).toBe(id);
      expect(slow.convertTokensToIds([name]), name).toEqual([id]);
      expect(fast.convertTokensToIds([name]), name).toEqual([id]);
      // "_" is punctuation to BERT: only the names without it are one word of text
      if (name.includes('_')) continue;
      expect(slow.encode(name, { addSpecialTokens: false }).inputIds, name).toEqual([id]);
      expect(fast.encode(name, { addSpecialTokens: false }).inputIds, name).toEqual([id]);
    }
    expect(fast.vocabSize).toBe(30522 + NAMES.length);
  });
});
