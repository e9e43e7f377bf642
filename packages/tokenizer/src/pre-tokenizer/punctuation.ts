// BERT's punctuation: every ASCII symbol (so `$`, `+`, `^`, `` ` ``... count although Unicode calls them
// symbols) plus Unicode general category P*.
const PUNCT = /^\p{P}$/u;

export function isPunctuationChar(cp: number): boolean {
  if ((cp >= 33 && cp <= 47) || (cp >= 58 && cp <= 64) || (cp >= 91 && cp <= 96) || (cp >= 123 && cp <= 126)) {
    return true;
  }
  if (cp < 0x80) return false;
  return PUNCT.test(String.fromCodePoint(cp));
}
