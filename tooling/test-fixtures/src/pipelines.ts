// Hugging Face's own pipeline outputs (models/tiny/golden/pipelines.json) and the comparison the
// node and browser tests share: strings, positions and keys equal, numbers within a tolerance.
import { readFileSync } from 'node:fs';
import { fixturePath } from './index.js';

export interface PipelineCase {
  id: string;
  task: 'token-classification' | 'question-answering' | 'fill-mask' | 'text-classification';
  /** Folder under models/tiny/ (`checkpoint/<head>`). */
  checkpoint: string;
  inputs: unknown;
  /** The reference's keyword arguments, by its names (`top_k`, `aggregation_strategy`, …). */
  kwargs: Record<string, unknown>;
  output: unknown;
}

export function pipelineCases(): PipelineCase[] {
  return (JSON.parse(readFileSync(fixturePath('models', 'tiny', 'golden', 'pipelines.json'), 'utf8')) as { cases: PipelineCase[] }).cases;
}

/**
 * Differences between a pipeline's result (as JSON) and the reference's: paths of keys, lengths,
 * strings or positions that differ, and numbers further apart than `atol`. Empty when they agree.
 */
export function pipelineOutputDiff(actual: unknown, expected: unknown, atol: number, path = '$'): string[] {
  if (typeof expected === 'number') {
    return typeof actual === 'number' && Math.abs(actual - expected) <= atol ? [] : [`${path}: ${JSON.stringify(actual)} vs ${expected}`];
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return [`${path}: expected an array, got ${JSON.stringify(actual)}`];
    if (actual.length !== expected.length) return [`${path}: length ${actual.length} vs ${expected.length}`];
    return expected.flatMap((e, i) => pipelineOutputDiff(actual[i], e, atol, `${path}[${i}]`));
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual))
      return [`${path}: expected an object, got ${JSON.stringify(actual)}`];
    const keys = (o: object) => JSON.stringify(Object.keys(o).sort());
    if (keys(actual) !== keys(expected)) return [`${path}: keys ${keys(actual)} vs ${keys(expected)}`];
    return Object.entries(expected).flatMap(([k, v]) =>
      pipelineOutputDiff((actual as Record<string, unknown>)[k], v, atol, `${path}.${k}`),
    );
  }
  return actual === expected ? [] : [`${path}: ${JSON.stringify(actual)} vs ${JSON.stringify(expected)}`];
}
