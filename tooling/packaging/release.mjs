#!/usr/bin/env node
// `pnpm release [--dry-run]`: build, pack every public package, check each tarball (publint,
// are-the-types-wrong, contents: LICENSE, dist/ and every entry the manifest names, no
// .tsbuildinfo, no tests, a clean published package.json), print the table, and only then
// `changeset publish` — or stop there with --dry-run. Run `pnpm changeset version` (and commit)
// before: publish sends every package whose version npm does not have yet.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { attwProblems, contentProblems, publintProblems, ROOT, readTarball } from './checks.mjs';

const USAGE = 'usage: pnpm release [--dry-run]';
const args = process.argv.slice(2);
if (args.some((a) => a !== '--dry-run')) {
  console.error(USAGE);
  process.exit(2);
}
const dryRun = args.includes('--dry-run');

/** @param {string} cmd @param {string[]} argv @param {string} cwd */
function run(cmd, argv, cwd = ROOT) {
  return execFileSync(cmd, argv, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
}

/** The packages npm gets: every non-private folder under packages/. */
export function publicPackages() {
  return readdirSync(join(ROOT, 'packages'))
    .map((folder) => ({
      dir: join(ROOT, 'packages', folder),
      manifest: JSON.parse(readFileSync(join(ROOT, 'packages', folder, 'package.json'), 'utf8')),
    }))
    .filter((p) => p.manifest.private !== true);
}

// Changesets not yet applied mean versions not yet bumped: publishing now would send the
// previous versions (0.0.0 before the first release) without their changelogs.
const pending = readdirSync(join(ROOT, '.changeset')).filter((f) => f.endsWith('.md') && f !== 'README.md');
if (!dryRun && pending.length > 0) {
  console.error(
    `release: ${pending.length} changeset(s) not yet applied: run \`pnpm changeset version\`, commit, then release; nothing was published`,
  );
  process.exit(1);
}

console.log('release: pnpm build');
execFileSync('pnpm', ['build', '--output-logs=errors-only'], { cwd: ROOT, stdio: 'inherit' });

const out = join(ROOT, '.artifacts', 'release');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const rows = [];
let failed = 0;
for (const { dir, manifest } of publicPackages()) {
  const path = run('pnpm', ['pack', '--pack-destination', out], dir).trim().split('\n').at(-1).trim();
  const tarball = await readTarball(path);
  const problems = [
    ...contentProblems(tarball),
    ...(await publintProblems(tarball.bytes)).map((m) => `publint ${m}`),
    ...attwProblems(path).map((p) => `attw ${JSON.stringify(p)}`),
  ];
  failed += problems.length;
  rows.push({ name: manifest.name, version: manifest.version, size: tarball.bytes.length, files: tarball.files.length, problems });
}

console.log('\n| package | version | tarball | files | checks |\n| --- | --- | ---: | ---: | --- |');
for (const r of rows) {
  const size = r.size >= 1e6 ? `${(r.size / 1e6).toFixed(2)} MB` : `${(r.size / 1e3).toFixed(1)} kB`;
  console.log(`| ${r.name} | ${r.version} | ${size} | ${r.files} | ${r.problems.length === 0 ? 'ok' : r.problems.join('; ')} |`);
}
console.log(`\ntarballs in ${out.slice(ROOT.length + 1)}/`);
if (failed > 0) {
  console.error(`release: ${failed} problem(s); nothing was published`);
  process.exit(1);
}
if (dryRun) {
  if (pending.length > 0)
    console.log(`release: ${pending.length} changeset(s) not yet applied; \`pnpm changeset version\` comes before a real release`);
  console.log('release: --dry-run, stopping before `changeset publish`');
  process.exit(0);
}
execFileSync('pnpm', ['changeset', 'publish'], { cwd: ROOT, stdio: 'inherit' });
