import { type PipelineCase, pipelineCases, pipelineOutputDiff } from '@convbert/test-fixtures';

/** The reference's (transformers 4.36) pipeline outputs on the tiny checkpoints, of one task or all. */
export function goldenPipelines(task?: string): PipelineCase[] {
  const all = pipelineCases();
  return task ? all.filter((c) => c.task === task) : all;
}

/** The shared comparison with the reference (paths that differ; empty when equal), at the server tests' 1e-4. */
export const diffClose = (actual: unknown, expected: unknown, atol = 1e-4): string[] => pipelineOutputDiff(actual, expected, atol);

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
