import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { FP32_TOLERANCE, type PipelineCase, pipelineCases } from '@convbert/test-fixtures';

// The CLI is tested as users run it: the built binary in a child process.
export const BIN = resolve(import.meta.dirname, '../../dist/bin/convbert.js');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function cliIn(cacheDir: string, args: string[], input?: string, env: Record<string, string> = {}): CliRun {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    input,
    encoding: 'utf8',
    env: { ...process.env, CONVBERT_CACHE: cacheDir, ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Runs the CLI and closes its stdout after the first line, as `| head -1` does. */
export function cliHead1(cacheDir: string, args: string[], input: string): Promise<CliRun & { first: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, CONVBERT_CACHE: cacheDir } });
    let first = '';
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.stdout.on('data', (d: Buffer) => {
      if (first.includes('\n')) return;
      first += d.toString();
      if (first.includes('\n')) child.stdout.destroy();
    });
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout: first, stderr, first: first.split('\n')[0] as string }));
    child.stdin.on('error', () => {});
    child.stdin.end(input);
  });
}

/** The CLI without blocking this process's event loop (for tests that serve it from here). */
export function cliAsync(cacheDir: string, args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, CONVBERT_CACHE: cacheDir, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
    child.stdin.end();
  });
}

export const tempDir = (prefix: string) => mkdtempSync(join(tmpdir(), prefix));

/** One case of the reference's pipeline outputs (fixtures/models/tiny/golden/pipelines.json). */
export type PipelineGolden = PipelineCase;

export function pipelineGolden(id: string): PipelineGolden {
  const c = pipelineCases().find((x) => x.id === id);
  if (!c) throw new Error(`no golden pipeline case ${id}`);
  return c;
}

/** fp32 agreement with the reference's numbers (see FP32_TOLERANCE: measured, not guessed). */
const FP32_TOL = { abs: FP32_TOLERANCE.atol, rel: FP32_TOLERANCE.rtol };

/** Our rows with the reference's field names, whichever spelling the pipeline used. */
function referenceNames(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...row };
  if ('tokenStr' in row) out.token_str = row.tokenStr;
  if ('entityGroup' in row) out.entity_group = row.entityGroup;
  return out;
}

/**
 * Compares a result with the reference's output: every field the reference has, strings and
 * integers exactly, other numbers within `FP32_TOL`. Returns the first difference, or null.
 */
export function diffFromReference(actual: unknown, expected: unknown, path = '$'): string | null {
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length)
      return `${path}: ${JSON.stringify(actual)} vs ${JSON.stringify(expected)}`;
    for (const [i, e] of expected.entries()) {
      const d = diffFromReference(actual[i], e, `${path}[${i}]`);
      if (d) return d;
    }
    return null;
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object') return `${path}: ${JSON.stringify(actual)} is not an object`;
    const a = referenceNames(actual as Record<string, unknown>);
    for (const [k, e] of Object.entries(expected)) {
      const d = diffFromReference(a[k], e, `${path}.${k}`);
      if (d) return d;
    }
    return null;
  }
  if (typeof expected === 'number' && !Number.isInteger(expected)) {
    if (typeof actual !== 'number' || Math.abs(actual - expected) > FP32_TOL.abs + FP32_TOL.rel * Math.abs(expected)) {
      return `${path}: ${actual} vs ${expected}`;
    }
    return null;
  }
  return actual === expected ? null : `${path}: ${JSON.stringify(actual)} vs ${JSON.stringify(expected)}`;
}
