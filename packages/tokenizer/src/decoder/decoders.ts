// Turning tokens back into text. The two references differ (see README):
// - Python slow: `" ".join(tokens).replace(" ##", "").strip()`, then optionally `clean_up_tokenization`
//   on the whole string.
// - Rust WordPiece decoder (tokenizer.json `decoder`): strips the `##` prefix or prepends a space per token and,
//   with `cleanup`, applies the same replacements to each token alone; Python's fast tokenizer then
//   optionally applies `clean_up_tokenization` to the result.

/** transformers' `PreTrainedTokenizerBase.clean_up_tokenization`. */
export function cleanUpTokenization(s: string): string {
  return s
    .replaceAll(' .', '.')
    .replaceAll(' ?', '?')
    .replaceAll(' !', '!')
    .replaceAll(' ,', ',')
    .replaceAll(" ' ", "'")
    .replaceAll(" n't", "n't")
    .replaceAll(" 'm", "'m")
    .replaceAll(" 's", "'s")
    .replaceAll(" 've", "'ve")
    .replaceAll(" 're", "'re");
}

/** Rust `decoders::wordpiece::cleanup` (note the extra " do not" rule). */
function rustCleanup(s: string): string {
  return s
    .replaceAll(' .', '.')
    .replaceAll(' ?', '?')
    .replaceAll(' !', '!')
    .replaceAll(' ,', ',')
    .replaceAll(" ' ", "'")
    .replaceAll(" n't", "n't")
    .replaceAll(" 'm", "'m")
    .replaceAll(' do not', " don't")
    .replaceAll(" 's", "'s")
    .replaceAll(" 've", "'ve")
    .replaceAll(" 're", "'re");
}

/** BertTokenizer.convert_tokens_to_string */
export function pythonTokensToString(tokens: readonly string[]): string {
  return tokens.join(' ').replaceAll(' ##', '').trim();
}

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
