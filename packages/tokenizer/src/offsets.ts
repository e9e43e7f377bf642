// Offsets are computed as UTF-16 code unit indices (what `String.prototype.slice` takes). Python and the
// Rust binding count Unicode code points instead; they differ after any character outside the BMP (emoji...).

/** index map UTF-16 -> code points for `text`, or null when the two coincide (no surrogate pairs) */
export function codePointIndexMap(text: string): Int32Array | null {
  let hasPair = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      hasPair = true;
      break;
    }
  }
  if (!hasPair) return null;
  const map = new Int32Array(text.length + 1);
  let cp = 0;
  for (let i = 0; i < text.length; i++) {
    map[i] = cp;
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        map[i + 1] = cp;
        i++;
      }
    }
    cp++;
  }
  map[text.length] = cp;
  return map;
}

/** Converts `[start, end)` UTF-16 offsets of `text` to code point offsets (a new array). */
export function toCodePointOffsets(text: string, offsets: ReadonlyArray<readonly [number, number]>): [number, number][] {
  const map = codePointIndexMap(text);
  return offsets.map(([s, e]) => (map ? [map[s], map[e]] : [s, e]));
}
