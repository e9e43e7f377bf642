// Text cleaning as BERT does it (Python `BasicTokenizer._clean_text`, Rust `BertNormalizer::do_clean_text`):
// NUL, U+FFFD and every "other" character (Unicode categories Cc, Cf, Cn, Co, Cs) except tab/newline/CR are
// dropped; whitespace becomes a word boundary.

const OTHER = /^\p{C}$/u;
const SPACE_SEPARATOR = /^\p{Zs}$/u;

/** True when the reference deletes this code point before splitting (controls, format chars, U+FFFD, NUL). */
export function isRemovedChar(cp: number): boolean {
  if (cp === 0x09 || cp === 0x0a || cp === 0x0d) return false;
  if (cp === 0 || cp === 0xfffd) return true;
  return OTHER.test(String.fromCodePoint(cp));
}

/**
 * True for characters that separate words: tab, newline, CR, space separators (Zs) and the line/paragraph
 * separators U+2028/U+2029 (Python's `str.split()` and Rust's `char::is_whitespace` both split on those).
 * Only meaningful for characters that `isRemovedChar` keeps.
 */
export function isWhitespaceChar(cp: number): boolean {
  if (cp === 0x20 || cp === 0x09 || cp === 0x0a || cp === 0x0d) return true;
  if (cp < 0x80) return false;
  if (cp === 0x2028 || cp === 0x2029) return true;
  return SPACE_SEPARATOR.test(String.fromCodePoint(cp));
}
