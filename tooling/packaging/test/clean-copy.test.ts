// Issue 24, defect 1: a pack — and so a publish, which packs the same way — from a clone that was
// never built used to ship no dist/ and exit 0. Here `@convbert/config` is packed from a copy of
// the repository's tracked files (no dist/, no .tsbuildinfo), with the workspace's node_modules
// linked in so that no install runs.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { contentProblems, ROOT, readTarball } from '../checks.mjs';

/** What packing @convbert/config reads: the workspace files, the prepack guard, the package. */
const TRACKED = [
  'package.json',
  'pnpm-workspace.yaml',
  '.pnpmfile.cjs',
  'LICENSE',
  'tooling/tsconfig',
  'tooling/packaging/prepack.mjs',
  'tooling/packaging/entries.mjs',
  'tooling/test-fixtures/package.json',
  'packages/config',
];
const copies: string[] = [];

function cleanCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'convbert-clean-'));
  copies.push(dir);
  const files = execFileSync('git', ['ls-files', '-z', '--', ...TRACKED], { cwd: ROOT, encoding: 'utf8' })
    .split('\0')
    .filter(Boolean);
  for (const f of files) {
    mkdirSync(dirname(join(dir, f)), { recursive: true });
    copyFileSync(join(ROOT, f), join(dir, f));
  }
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  symlinkSync(join(ROOT, 'packages', 'config', 'node_modules'), join(dir, 'packages', 'config', 'node_modules'));
  return dir;
}

function pack(dir: string) {
  const out = join(dir, 'out');
  const r = spawnSync('pnpm', ['pack', '--pack-destination', out], { cwd: join(dir, 'packages', 'config'), encoding: 'utf8' });
  const tarballs = existsSync(out) ? readdirSync(out).filter((f) => f.endsWith('.tgz')) : [];
  return { status: r.status, output: `${r.stdout}\n${r.stderr}`, tarballs: tarballs.map((f) => join(out, f)) };
}

afterAll(() => {
  for (const d of copies) rmSync(d, { recursive: true, force: true });
});

describe('packing from a clone that was never built', () => {
  it('builds first: the tarball has dist/, LICENSE and no .tsbuildinfo', async () => {
    const dir = cleanCopy();
    expect(existsSync(join(dir, 'packages', 'config', 'dist'))).toBe(false);
    const r = pack(dir);
    expect(r.status, r.output).toBe(0);
    expect(r.tarballs).toHaveLength(1);
    const tarball = await readTarball(r.tarballs[0] as string);
    expect(tarball.files).toContain('dist/index.js');
    expect(tarball.files).toContain('dist/index.d.ts');
    expect(contentProblems(tarball)).toEqual([]);
    console.log(`clean copy: pnpm pack built @convbert/config and packed ${tarball.files.length} files`);
  });

  it('refuses, loudly and with nothing packed, when the build does not make a file the manifest names', () => {
    const dir = cleanCopy();
    const manifestPath = join(dir, 'packages', 'config', 'package.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    manifest.exports['./extra'] = { types: './dist/extra.d.ts', default: './dist/extra.js' };
    writeFileSync(manifestPath, JSON.stringify(manifest));
    const r = pack(dir);
    expect(r.status).not.toBe(0);
    expect(r.output).toContain('PACK_ENTRY_MISSING');
    expect(r.output).toContain('dist/extra.d.ts, dist/extra.js');
    expect(r.tarballs).toEqual([]);
  });
});

describe('the tarball checks', () => {
  it('name each defect of a tarball packed before issue 24', () => {
    // The 0.1.0 config tarball as it was: no LICENSE, dist/.tsbuildinfo, dev fields kept.
    const problems = contentProblems({
      files: ['package.json', 'README.md', 'dist/.tsbuildinfo', 'dist/index.js', 'src/index.ts', 'src/parse.test.ts'],
      manifest: {
        name: '@convbert/config',
        license: 'Apache-2.0',
        exports: { '.': { types: './dist/index.d.ts', default: './dist/index.js' } },
        scripts: { build: 'tsc -b' },
        devDependencies: { '@convbert/test-fixtures': '0.0.0' },
        dependencies: { '@convbert/core': 'workspace:^' },
      },
    });
    expect(problems).toEqual([
      'no LICENSE file (Apache-2.0 §4(a): recipients get a copy)',
      'ships dist/.tsbuildinfo (a build cache)',
      'ships a test: src/parse.test.ts',
      'the manifest names dist/index.d.ts, which is not packed',
      'package.json has no "repository"',
      'package.json has no "homepage"',
      'package.json has no "bugs"',
      'package.json keeps "devDependencies" (the workspace\'s .pnpmfile.cjs strips them)',
      'package.json keeps "scripts" (the workspace\'s .pnpmfile.cjs strips them)',
      'dependency @convbert/core is still "workspace:^"',
    ]);
    expect(contentProblems({ files: ['package.json', 'LICENSE', 'src/index.ts'], manifest: {} })).toContain(
      'no dist/ (packed without a build)',
    );
  });
});
