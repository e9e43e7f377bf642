import { CoreError } from '../errors.js';

/**
 * What an option bag may hold. Every package checks its bags with this one function, so a
 * misspelt or foreign key (`top_k` where `topK` is meant, `aggregation_strategy`, a typo in a
 * loader option) is refused the same way everywhere instead of being silently ignored.
 */
export interface OptionSpec {
  /** The camelCase keys this bag takes. */
  readonly known: readonly string[];
  /**
   * Extra accepted spellings → the key they stand for. The snake_case form of every known key
   * (`topK` → `top_k`) is accepted without being listed, as the reference's names are.
   */
  readonly aliases?: Readonly<Record<string, string>>;
  /** Set false where the reference's snake_case names make no sense (default true). */
  readonly snakeCase?: boolean;
}

/** `topK` → `top_k`, `maxSeqLen` → `max_seq_len`. */
export function snakeCase(key: string): string {
  return key.replace(/([a-z0-9])([A-Z]+)/g, '$1_$2').toLowerCase();
}

/** The nearest of `candidates` to `name`, when it is near enough to be a likely typo. */
export function suggestName(name: string, candidates: readonly string[]): string | undefined {
  if (candidates.length === 0) return undefined;
  const lower = name.toLowerCase();
  const caseOnly = candidates.find((c) => c.toLowerCase() === lower);
  if (caseOnly !== undefined) return caseOnly;
  let best = 0;
  let bestDistance = Number.POSITIVE_INFINITY;
  candidates.forEach((c, i) => {
    const d = editDistance(lower, c.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [i, d];
  });
  const limit = Math.max(2, Math.floor(name.length / 3));
  return bestDistance <= limit ? candidates[best] : undefined;
}

// Levenshtein distance on option names (a few dozen characters): a two-row table. Written here
// rather than taken from npm because the web bundle's 60 KB budget counts every dependency.
function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length]!;
}

/** A refused option: `key` is what the caller wrote, `suggestion` the nearest valid key. */
export class OptionsError extends CoreError {
  readonly key: string;
  readonly suggestion: string | undefined;
  constructor(code: 'UNKNOWN_OPTION' | 'INVALID_OPTION', message: string, key: string, suggestion?: string) {
    super(code, message);
    this.name = 'OptionsError';
    this.key = key;
    this.suggestion = suggestion;
  }
}

/**
 * Checks an option bag: every key must be known (or an alias of a known key). Returns a copy
 * with aliases renamed to their camelCase keys; `undefined` values are dropped so that
 * `{ topK: undefined }` does not hide a default. `where` names the bag in messages
 * (`fill-mask options`, `fromPretrained options`).
 */
export function checkOptions<T extends object>(bag: unknown, spec: OptionSpec, where: string): T {
  if (bag === undefined || bag === null) return {} as T;
  if (typeof bag !== 'object' || Array.isArray(bag)) {
    throw new OptionsError(
      'INVALID_OPTION',
      `${where} must be an object of options, got ${Array.isArray(bag) ? 'an array' : typeof bag}`,
      '',
    );
  }
  const aliases = new Map<string, string>();
  if (spec.snakeCase !== false) for (const k of spec.known) if (snakeCase(k) !== k) aliases.set(snakeCase(k), k);
  for (const [alias, key] of Object.entries(spec.aliases ?? {})) aliases.set(alias, key);
  const known = new Set(spec.known);
  const out: Record<string, unknown> = {};
  const spelt = new Map<string, string>();
  for (const [key, value] of Object.entries(bag)) {
    const target = known.has(key) ? key : aliases.get(key);
    if (target === undefined) {
      const suggestion = suggestName(key, [...spec.known, ...aliases.keys()]);
      const hint =
        suggestion === undefined ? `valid options: ${spec.known.join(', ')}` : `did you mean "${aliases.get(suggestion) ?? suggestion}"?`;
      throw new OptionsError(
        'UNKNOWN_OPTION',
        `${where}: unknown option "${key}" (${hint})`,
        key,
        aliases.get(suggestion ?? '') ?? suggestion,
      );
    }
    const earlier = spelt.get(target);
    if (earlier !== undefined && out[target] !== value && value !== undefined) {
      throw new OptionsError(
        'INVALID_OPTION',
        `${where}: "${earlier}" and "${key}" are the same option with different values; give one`,
        key,
      );
    }
    spelt.set(target, key);
    if (value !== undefined) out[target] = value;
  }
  return out as T;
}
