// Marked spans are UTF-16 offsets, as the pipelines give them: a mark is exactly text.slice(start, end)
// after emoji (two UTF-16 units, one code point), CJK and accents (decomposed: a letter and a mark).
import { describe, expect, it } from 'vitest';
import { segments } from '../src/spans.js';

const marked = (text: string, spans: { start: number; end: number }[]) =>
  segments(text, spans)
    .filter((s) => s.span)
    .map((s) => s.text);

describe('segments (UTF-16 offsets)', () => {
  it('after emoji: the span is the entity, not a slice shifted by the surrogate pairs', () => {
    const text = 'abc 😀😀 lives in Zurich.';
    // "Zurich" starts at UTF-16 index 18 (code point 16): each emoji is two units.
    expect(text.indexOf('Zurich')).toBe(18);
    expect(marked(text, [{ start: 18, end: 24 }])).toEqual(['Zurich']);
    const qa = '😀😀 My name is Wolfgang and I live in Berlin.';
    expect(marked(qa, [{ start: 39, end: 45 }])).toEqual(['Berlin']);
  });

  it('CJK, precomposed and decomposed accents', () => {
    const text = 'Apple and Microsoft opened offices in 東京 and New York.';
    expect(marked(text, [{ start: 38, end: 40 }])).toEqual(['東京']);
    const nfd = 'Zoe\u0308 Mu\u0308ller studied in Zu\u0308rich.';
    expect(
      marked(nfd, [
        { start: 0, end: 4 },
        { start: 24, end: 31 },
      ]),
    ).toEqual(['Zoe\u0308', 'Zu\u0308rich']);
    expect(marked('Émile met Ángel in São Paulo.', [{ start: 19, end: 28 }])).toEqual(['São Paulo']);
  });

  it('keeps the whole text, in order, with spans given out of order', () => {
    const text = '😀 Berlin and 東京';
    const segs = segments(text, [
      { start: 14, end: 16 },
      { start: 3, end: 9 },
    ]);
    expect(segs.map((s) => s.text).join('')).toBe(text);
    expect(segs.filter((s) => s.span).map((s) => s.text)).toEqual(['Berlin', '東京']);
  });

  it('leaves out overlapping, empty and out-of-range spans instead of garbling the text', () => {
    const text = 'Wolfgang lives in Berlin.';
    const segs = segments(text, [
      { start: 0, end: 8 },
      { start: 4, end: 12 },
      { start: 9, end: 9 },
      { start: 18, end: 99 },
    ]);
    expect(segs.map((s) => s.text).join('')).toBe(text);
    expect(segs.filter((s) => s.span).map((s) => s.text)).toEqual(['Wolfgang']);
  });
});
