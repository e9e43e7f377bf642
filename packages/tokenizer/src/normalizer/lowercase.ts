// Lower-casing one code point at a time. Both references do it per character: Python's slow tokenizer
// lower-cases the text with `re.sub('(.+?)', ...)` (one character per match) and Rust maps each `char`
// through `to_lowercase`. So there is no final-sigma rule: "ΣΟΦΟΣ" becomes "σοφοσ", not "σοφος"
// (`String.prototype.toLowerCase` on the whole string would give the latter).
export function lowercaseChars(s: string): string {
  if (s.length === 1) return s.toLowerCase();
  let out = '';
  for (const ch of s) out += ch.toLowerCase();
  return out;
}
