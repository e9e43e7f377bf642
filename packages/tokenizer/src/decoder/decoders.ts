// Turning tokens back into text. The two references differ (see README):
// - Python slow: `" ".join(tokens).replace(" ##", "").strip()`, then optionally `clean_up_tokenization`
//   on the whole string.
// - Rust WordPiece decoder (tokenizer.json `decoder`): strips the `##` prefix or prepends a space per token and,
//   with `cleanup`, applies the same replacements to each token alone; Python's fast tokenizer then
//   optionally applies `clean_up_tokenization` to the result.

/** transformers' `PreTrainedTokenizerBase.clean_up_tokenization`, in its order. */
const PYTHON_CLEANUP: readonly (readonly [string, string])[] = [
  [' .', '.'],
  [' ?', '?'],
  [' !', '!'],
  [' ,', ','],
  [" ' ", "'"],
  [" n't", "n't"],
  [" 'm", "'m"],
  [" 's", "'s"],
  [" 've", "'ve"],
  [" 're", "'re"],
];

/** Rust `decoders::wordpiece::cleanup`: the same rules plus " do not" after " 'm". */
const RUST_CLEANUP: readonly (readonly [string, string])[] = [
  ...PYTHON_CLEANUP.slice(0, 7),
  [' do not', " don't"],
  ...PYTHON_CLEANUP.slice(7),
];

function applyRules(s: string, rules: readonly (readonly [string, string])[]): string {
  let out = s;
  for (const [from, to] of rules) out = out.replaceAll(from, to);
  return out;
}

export function cleanUpTokenization(s: string): string {
  return applyRules(s, PYTHON_CLEANUP);
}

function rustCleanup(s: string): string {
  return applyRules(s, RUST_CLEANUP);
}

/** BertTokenizer.convert_tokens_to_string */
export function pythonTokensToString(tokens: readonly string[]): string {
  return tokens.join(' ').replaceAll(' ##', '').trim();
}

/** The `tokenizers` WordPiece decoder: tokens joined with spaces, `prefix` continuations glued to the token before, spaces before punctuation cleaned up with `cleanup`. */
export function rustWordPieceDecode(tokens: readonly string[], prefix: string, cleanup: boolean): string {
  let out = '';
  for (let i = 0; i < tokens.length; i++) {
    let t = tokens[i];
    if (i !== 0) t = t.startsWith(prefix) ? t.slice(prefix.length) : ` ${t}`;
    if (cleanup) t = rustCleanup(t);
    out += t;
  }
  return out;
}
