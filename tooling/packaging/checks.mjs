// What a tarball must be before it is published: one set of checks for `pnpm release` and for
// the packaging test, so that the two cannot drift apart.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { unpack } from '@publint/pack';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { entryFiles } from './entries.mjs';

export const ROOT = resolve(import.meta.dirname, '../..');
const ATTW = join(ROOT, 'node_modules', '.bin', 'attw');

/** Paths that are tests, wherever they sit: a test folder or a `*.test.*` / `*.spec.*` file. */
const TEST_FILE = /(^|\/)(test|tests|__tests__)\/|\.(test|spec)\.[cm]?[jt]sx?$/;
/** Manifest fields a published package.json must have (defect 2 of issue 24: where to report). */
const REQUIRED_FIELDS = ['license', 'repository', 'homepage', 'bugs'];

/**
 * A packed tarball: its bytes, the files in it (package-relative) and its package.json.
 * @param {string} path
 */
export async function readTarball(path) {
  const bytes = new Uint8Array(readFileSync(path));
  const { files, rootDir } = await unpack(bytes);
  const names = files.map((f) => f.name.slice(rootDir.length + 1));
  const manifestFile = files.find((f) => f.name === `${rootDir}/package.json`);
  const manifest = manifestFile ? JSON.parse(new TextDecoder().decode(manifestFile.data)) : {};
  return { path, bytes, files: names, manifest };
}

/**
 * What is wrong with a tarball's contents and published manifest, one line each; [] when nothing.
 * @param {{ files: string[]; manifest: Record<string, unknown> }} tarball
 * @returns {string[]}
 */
export function contentProblems({ files, manifest }) {
  const problems = [];
  const have = new Set(files);
  if (!have.has('LICENSE')) problems.push('no LICENSE file (Apache-2.0 §4(a): recipients get a copy)');
  for (const f of files.filter((f) => f.endsWith('.tsbuildinfo'))) problems.push(`ships ${f} (a build cache)`);
  for (const f of files.filter((f) => TEST_FILE.test(f))) problems.push(`ships a test: ${f}`);
  if (!files.some((f) => f.startsWith('dist/'))) problems.push('no dist/ (packed without a build)');
  for (const f of entryFiles(manifest).filter((f) => !have.has(f))) problems.push(`the manifest names ${f}, which is not packed`);
  for (const field of REQUIRED_FIELDS.filter((k) => manifest[k] === undefined)) problems.push(`package.json has no "${field}"`);
  for (const field of ['devDependencies', 'scripts'].filter((k) => manifest[k] !== undefined))
    problems.push(`package.json keeps "${field}" (the workspace's .pnpmfile.cjs strips them)`);
  const deps = { ...(manifest.dependencies ?? {}), ...(manifest.peerDependencies ?? {}) };
  for (const [name, spec] of Object.entries(deps).filter(([, s]) => String(s).startsWith('workspace:')))
    problems.push(`dependency ${name} is still "${spec}"`);
  return problems;
}

/**
 * publint's errors and warnings on the tarball, formatted.
 * @param {Uint8Array} bytes
 * @returns {Promise<string[]>}
 */
export async function publintProblems(bytes) {
  const { messages, pkg } = await publint({
    pack: { tarball: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) },
    level: 'warning',
  });
  return messages.map((m) => `${m.type}: ${formatMessage(m, pkg)}`);
}

/**
 * are-the-types-wrong's problems under its esm-only profile: the packages are ESM only (README,
 * "ESM only"), so node10 and CommonJS `require` resolutions are not asked for.
 * @param {string} tarballPath
 * @returns {unknown[]}
 */
export function attwProblems(tarballPath) {
  let out;
  try {
    out = execFileSync(ATTW, [tarballPath, '--profile', 'esm-only', '--format', 'json'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (err) {
    // attw exits 1 when it finds a problem; its JSON is on stdout all the same.
    out = /** @type {{ stdout?: string }} */ (err).stdout ?? '';
    if (!out.trim().startsWith('{')) throw err;
  }
  return (JSON.parse(out).analysis?.problems ?? []).filter((p) => p.resolutionKind !== 'node10' && p.resolutionKind !== 'node16-cjs');
}
