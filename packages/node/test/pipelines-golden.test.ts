// Every case of the reference's pipeline outputs (fixtures/models/tiny/golden/pipelines.json, made by
// Python transformers' pipelines on the tiny checkpoints) through `pipeline()`: post-processing
// included, so a bug in span decoding or entity grouping fails here, which comparing with our own
// post-processing of the reference logits could not catch.
import { readFileSync } from 'node:fs';
import { fixturePath } from '@convbert/test-fixtures';
import { afterAll, describe, expect, it } from 'vitest';
import { pipeline } from '../src/index.js';
import { diffFromReference, type PipelineGolden } from './cli-helpers.js';

const CASES = (JSON.parse(readFileSync(fixturePath('models', 'tiny', 'golden', 'pipelines.json'), 'utf8')) as { cases: PipelineGolden[] })
  .cases;

const camel = (k: string) => k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
/** The reference's call arguments in our spelling (`top_k` → `topK`, `text_pair` → `textPair`). */
const ours = (x: unknown): unknown =>
  Array.isArray(x)
    ? x.map(ours)
    : x !== null && typeof x === 'object'
      ? Object.fromEntries(Object.entries(x).map(([k, v]) => [camel(k), ours(v)]))
      : x;

/** Python returns a bare object where it has one result; ours is then a one-element list. */
function sameShape(actual: unknown, expected: unknown): unknown {
  if (expected !== null && typeof expected === 'object' && !Array.isArray(expected) && Array.isArray(actual) && actual.length === 1) {
    return actual[0];
  }
  return actual;
}

const loaded = new Map<string, Promise<(i: unknown, o: unknown) => Promise<unknown>>>();
function pipe(task: string, checkpoint: string) {
  const key = `${task} ${checkpoint}`;
  if (!loaded.has(key)) {
    loaded.set(key, pipeline(task as 'fill-mask', fixturePath('models', 'tiny', checkpoint), { graphCache: false }) as never);
  }
  return loaded.get(key) as Promise<(i: unknown, o: unknown) => Promise<unknown>>;
}
afterAll(async () => {
  for (const p of loaded.values()) await ((await p) as unknown as { dispose(): Promise<void> }).dispose();
});

describe('pipeline() reproduces the reference pipelines', () => {
  it.each(CASES.map((c) => [c.id, c] as const))('%s', async (_id, c) => {
    const run = await pipe(c.task, c.checkpoint);
    const actual = await run(ours(c.inputs), ours(c.kwargs));
    expect(diffFromReference(sameShape(actual, c.output), c.output)).toBeNull();
  });
});
