import { readFileSync } from 'node:fs';
import { fixturePath } from '@convbert/test-fixtures';

export interface PipelineCase {
  id: string;
  task: string;
  checkpoint: string;
  inputs: unknown;
  kwargs: Record<string, unknown>;
  output: unknown;
}

/** The reference's (transformers 4.36) pipeline outputs on the tiny checkpoints. */
export function goldenPipelines(task?: string): PipelineCase[] {
  const all = JSON.parse(readFileSync(fixturePath('models', 'tiny', 'golden', 'pipelines.json'), 'utf8')).cases as PipelineCase[];
  return task ? all.filter((c) => c.task === task) : all;
}

/**
 * Differences between `actual` and `expected`: numbers within `atol`, everything else equal, same
 * keys. Returns the paths that differ (empty when they match), so a failure names the field.
 */
export function diffClose(actual: unknown, expected: unknown, atol = 1e-4, path = '$'): string[] {
  if (typeof expected === 'number') {
    return typeof actual === 'number' && Math.abs(actual - expected) <= atol ? [] : [`${path}: ${actual} != ${expected}`];
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length)
      return [`${path}: length ${JSON.stringify(actual)?.slice(0, 80)} vs ${expected.length}`];
    return expected.flatMap((e, i) => diffClose(actual[i], e, atol, `${path}[${i}]`));
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object') return [`${path}: not an object`];
    const a = actual as Record<string, unknown>;
    const e = expected as Record<string, unknown>;
    const keys = new Set([...Object.keys(a), ...Object.keys(e)]);
    return [...keys].flatMap((k) => diffClose(a[k], e[k], atol, `${path}.${k}`));
  }
  return actual === expected ? [] : [`${path}: ${JSON.stringify(actual)} != ${JSON.stringify(expected)}`];
}

/** A parsed JSON answer, indexed freely by the tests. */
// biome-ignore lint/suspicious/noExplicitAny: test answers are checked field by field
export type Json = any;

export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Json };
}
