// Accent stripping: canonical decomposition (NFD), then every nonspacing mark (Mn) dropped.
const NONSPACING_MARK = /\p{Mn}/gu;

export function stripAccents(s: string): string {
  return s.normalize('NFD').replace(NONSPACING_MARK, '');
}
