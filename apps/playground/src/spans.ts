// Marked spans of a text. Pipelines give `start`/`end` as UTF-16 offsets (what `String.slice`
// takes), so a marked span is exactly `text.slice(start, end)`, whatever emoji come before it.

export interface Span {
  start: number;
  end: number;
  /** Shown after the span (an entity type, "answer"). */
  label?: string;
  /** Tooltip (a score). */
  title?: string;
  /** A class for the mark (an entity type's colour). */
  kind?: string;
}

export type Segment = { text: string; span?: Span };

/**
 * The text cut into plain and marked segments, in order. Spans are taken sorted by start; one that
 * overlaps an earlier one, is empty or lies outside the text is left out (the text stays whole).
 */
export function segments(text: string, spans: readonly Span[]): Segment[] {
  const out: Segment[] = [];
  let at = 0;
  for (const s of [...spans].sort((a, b) => a.start - b.start)) {
    if (s.start < at || s.end <= s.start || s.end > text.length) continue;
    if (s.start > at) out.push({ text: text.slice(at, s.start) });
    out.push({ text: text.slice(s.start, s.end), span: s });
    at = s.end;
  }
  if (at < text.length) out.push({ text: text.slice(at) });
  return out;
}
