// Hugging Face's Rust tokenizers (npm `tokenizers`, the engine of Python's ConvBertTokenizerFast) as the
// reference for the fast tokenizer where fast.jsonl has no case: settings the fixtures only ran through
// the slow tokenizer (odd longest_first splits, cased/accent variants, decode without clean-up).
import tk from 'tokenizers';
import type { Encoding } from '../src/index.js';

type RustEncoding = InstanceType<typeof tk.Encoding>;

export interface RustCall {
  text: string;
  pair: string | null;
  addSpecialTokens?: boolean;
  truncation?: boolean | string;
  maxLength?: number | null;
  stride?: number;
  truncationSide?: 'left' | 'right';
  padding?: boolean | string;
  padToMultipleOf?: number | null;
  paddingSide?: 'left' | 'right';
}

const cache = new Map<string, InstanceType<typeof tk.Tokenizer>>();

function tokenizerFor(jsonText: string) {
  let t = cache.get(jsonText);
  if (!t) {
    t = tk.Tokenizer.fromString(jsonText);
    cache.set(jsonText, t);
  }
  return t;
}

function configure(t: InstanceType<typeof tk.Tokenizer>, c: Omit<RustCall, 'text' | 'pair'>): void {
  const trunc = c.truncation ?? (c.maxLength != null && !c.padding);
  if (trunc && trunc !== 'do_not_truncate') {
    const strategy = trunc === 'only_first' ? 'OnlyFirst' : trunc === 'only_second' ? 'OnlySecond' : 'LongestFirst';
    t.setTruncation(c.maxLength ?? 512, {
      strategy: strategy as never,
      stride: c.stride ?? 0,
      direction: c.truncationSide ?? 'right',
    });
  } else t.disableTruncation();
  if (c.padding && c.padding !== 'do_not_pad') {
    t.setPadding({
      ...(c.padding === 'max_length' ? { maxLength: c.maxLength ?? 512 } : {}),
      ...(c.padToMultipleOf ? { padToMultipleOf: c.padToMultipleOf } : {}),
      direction: c.paddingSide ?? 'right',
    });
  } else t.disablePadding();
}

export function fromRust(e: RustEncoding, withOverflow = true): Encoding {
  return {
    inputIds: e.getIds(),
    tokenTypeIds: e.getTypeIds(),
    attentionMask: e.getAttentionMask(),
    specialTokensMask: e.getSpecialTokensMask(),
    tokens: e.getTokens(),
    offsets: e.getOffsets() as [number, number][],
    wordIds: e.getWordIds().map((w) => (w === undefined ? null : w)),
    sequenceIds: e.getSequenceIds().map((w) => (w === undefined ? null : w)),
    overflowing: withOverflow ? e.getOverflowing().map((o) => fromRust(o, false)) : [],
  };
}

export async function rustEncode(jsonText: string, c: RustCall): Promise<Encoding> {
  const t = tokenizerFor(jsonText);
  configure(t, c);
  return fromRust(await t.encode(c.text, c.pair, { addSpecialTokens: c.addSpecialTokens ?? true }));
}

export async function rustEncodeBatch(
  jsonText: string,
  inputs: (string | [string, string])[],
  c: Omit<RustCall, 'text' | 'pair'>,
): Promise<Encoding[]> {
  const t = tokenizerFor(jsonText);
  configure(t, c);
  const addSpecialTokens = c.addSpecialTokens ?? true;
  if (inputs.every((x) => typeof x === 'string')) {
    const encs = await t.encodeBatch(inputs as never, { addSpecialTokens });
    return encs.map((e) => fromRust(e));
  }
  // The binding's encodeBatch takes no pairs: encode them one by one, then pad with Rust's Encoding.pad
  // to the batch length as `pad_encodings` would.
  const padding = c.padding;
  configure(t, { ...c, padding: false });
  const encs = [];
  for (const x of inputs) encs.push(await t.encode(x[0], x[1], { addSpecialTokens }));
  if (padding && padding !== 'do_not_pad') {
    let target = padding === 'max_length' ? (c.maxLength ?? 512) : Math.max(...encs.map((e) => e.getLength()));
    const m = c.padToMultipleOf;
    if (m && target % m !== 0) target += m - (target % m);
    for (const e of encs) e.pad(target, { direction: c.paddingSide ?? 'right', padId: 0, padTypeId: 0, padToken: '[PAD]' });
  }
  return encs.map((e) => fromRust(e));
}

export async function rustDecode(jsonText: string, ids: number[], skipSpecialTokens: boolean): Promise<string> {
  const t = tokenizerFor(jsonText);
  return t.decode(ids, skipSpecialTokens);
}

export function rustTokensToString(jsonText: string, tokens: string[]): string {
  const d = tokenizerFor(jsonText).getDecoder();
  if (!d) throw new Error('no decoder');
  return d.decode(tokens);
}
