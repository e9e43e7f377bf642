// CJK ideographs are split out as words of their own (`_tokenize_chinese_chars` / `handle_chinese_chars`).
// The ranges are BERT's: CJK Unified Ideographs and extensions A-E, compatibility ideographs. Hiragana,
// Katakana and Hangul are deliberately not included (the reference does not split them).
export function isCjkChar(cp: number): boolean {
  return (
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x20000 && cp <= 0x2a6df) ||
    (cp >= 0x2a700 && cp <= 0x2b73f) ||
    (cp >= 0x2b740 && cp <= 0x2b81f) ||
    (cp >= 0x2b820 && cp <= 0x2ceaf) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0x2f800 && cp <= 0x2fa1f)
  );
}
