// The tokens the model read: what WordPiece made of the text, the pieces that became [UNK] (most
// emoji and, in an English vocabulary, many CJK characters) next to the text they replaced, and
// how much of a long input the model never saw.
import type * as web from '@convbert/web';
import { h } from './dom.js';

type Tokenizer = web.ConvBertTokenizer | web.ConvBertTokenizerFast;

export interface TokenList {
  /** The tokens of the whole input (special tokens included). */
  tokens: string[];
  offsets: [number, number][];
  sequenceIds: (number | null)[];
  /** Tokens the model takes at most (its max_position_embeddings). */
  maxLength: number;
  unk: string;
  text: string;
  pair: string | null;
}

export function tokenList(tokenizer: Tokenizer, text: string, pair: string | null, maxLength: number): TokenList {
  const enc = tokenizer.encode(text, pair);
  return {
    tokens: enc.tokens,
    offsets: enc.offsets,
    sequenceIds: enc.sequenceIds,
    maxLength,
    unk: (tokenizer as { unkToken?: string }).unkToken ?? '[UNK]',
    text,
    pair,
  };
}

/** The text a token stands for (its offsets into its own sequence). */
function source(t: TokenList, i: number): string {
  const [start, end] = t.offsets[i] ?? [0, 0];
  const seq = t.sequenceIds[i];
  return (seq === 1 ? (t.pair ?? '') : t.text).slice(start, end);
}

/** A sentence for a long input: how many tokens were not read (none: undefined). */
export function cutNotice(t: TokenList): string | undefined {
  if (t.tokens.length <= t.maxLength) return undefined;
  return `The input has ${t.tokens.length} tokens; the model reads at most ${t.maxLength}, so it saw only the first ${t.maxLength}.`;
}

export function tokensView(t: TokenList): HTMLElement {
  const shown = t.tokens.slice(0, t.maxLength);
  const unknown = shown.map((tok, i) => (tok === t.unk ? source(t, i) : undefined)).filter((s): s is string => s !== undefined);
  return h(
    'section',
    { id: 'tokens', 'aria-labelledby': 'tokens-heading' },
    h(
      'h3',
      { id: 'tokens-heading' },
      `Tokens (${Math.min(t.tokens.length, t.maxLength)}${t.tokens.length > t.maxLength ? ` of ${t.tokens.length}` : ''})`,
    ),
    unknown.length > 0
      ? h(
          'p',
          { class: 'notice', id: 'unk-notice' },
          `${unknown.length} piece${unknown.length === 1 ? ' is' : 's are'} not in the model's vocabulary and became ${t.unk}: `,
          unknown.map((s) => `“${s}”`).join(', '),
          '.',
        )
      : null,
    h(
      'ol',
      { class: 'tokens' },
      ...shown.map((tok, i) =>
        h(
          'li',
          { class: tok === t.unk ? 'tok unk' : t.sequenceIds[i] === null ? 'tok special' : 'tok', title: source(t, i) || undefined },
          tok === t.unk ? `${t.unk} ← ${source(t, i)}` : tok,
        ),
      ),
    ),
    t.tokens.length > t.maxLength
      ? h('p', { class: 'muted' }, `… and ${t.tokens.length - t.maxLength} more tokens the model did not read.`)
      : null,
  );
}
