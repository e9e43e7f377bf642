import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attwProblems, contentProblems, publintProblems, ROOT, readTarball } from '../checks.mjs';
import { SMOKE } from '../smoke.mjs';

const BIN = join(ROOT, 'node_modules', '.bin');
/** The @types/node the workspace builds with: what a TypeScript app of a Node-only package brings. */
const ROOT_TYPES_NODE = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> })
  .devDependencies['@types/node'];
const work = mkdtempSync(join(tmpdir(), 'convbert-pack-'));
const tarballDir = join(work, 'tarballs');

interface Pkg {
  name: string;
  dir: string;
  internalDeps: string[];
  tarball: string;
}

function run(cmd: string, args: string[], cwd: string): string {
  try {
    return execFileSync(cmd, args, {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, npm_config_loglevel: 'error', CONVBERT_CACHE: join(work, 'cache') },
    });
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; message: string };
    throw new Error(`${cmd} ${args.join(' ')} failed in ${cwd}:\n${e.stdout ?? ''}\n${e.stderr ?? ''}\n${e.message}`);
  }
}

const packages: Pkg[] = readdirSync(join(ROOT, 'packages')).map((folder) => {
  const dir = join(ROOT, 'packages', folder);
  const pj = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  return {
    name: pj.name,
    dir,
    internalDeps: Object.keys({ ...pj.dependencies, ...pj.optionalDependencies }).filter((d) => d.startsWith('@convbert/')),
    tarball: '',
  };
});
const byName = new Map(packages.map((p) => [p.name, p]));

/** A package plus, transitively, the internal packages it depends on. */
function closure(name: string, seen = new Set<string>()): Set<string> {
  if (seen.has(name)) return seen;
  seen.add(name);
  for (const dep of byName.get(name)?.internalDeps ?? []) closure(dep, seen);
  return seen;
}

beforeAll(() => {
  mkdirSync(tarballDir, { recursive: true });
  for (const p of packages) {
    const out = run('pnpm', ['pack', '--pack-destination', tarballDir], p.dir).trim().split('\n');
    p.tarball = (out.at(-1) ?? '').trim();
    console.log(`packed ${p.name} -> ${p.tarball.slice(work.length + 1)}`);
  }
}, 120_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe.each(packages.map((p) => [p.name, p] as const))('%s', (name, pkg) => {
  it('packs LICENSE, dist/ and every entry it names; no .tsbuildinfo, no tests; a published package.json without dev fields', async () => {
    const tarball = await readTarball(pkg.tarball);
    const problems = contentProblems(tarball);
    console.log(`contents ${name}: ${tarball.files.length} files, ${problems.length === 0 ? 'ok' : problems.join('; ')}`);
    expect(problems).toEqual([]);
    // The licence is the repository's, word for word (Apache-2.0, §4(a)).
    expect(readFileSync(join(pkg.dir, 'LICENSE'), 'utf8')).toBe(readFileSync(join(ROOT, 'LICENSE'), 'utf8'));
  });

  it('passes publint on its tarball', async () => {
    const text = await publintProblems(new Uint8Array(readFileSync(pkg.tarball)));
    console.log(`publint ${name}: ${text.length === 0 ? 'clean' : text.join('; ')}`);
    expect(text).toEqual([]);
  });

  it('passes are-the-types-wrong (ESM-only profile) on its tarball', () => {
    const problems = attwProblems(pkg.tarball);
    console.log(`attw ${name}: ${problems.length === 0 ? 'no problems (esm-only profile)' : JSON.stringify(problems)}`);
    expect(problems).toEqual([]);
  });

  const smoke = (SMOKE as Record<string, { mjs: string; ts: string; nodeTypes?: boolean }>)[name];
  if (smoke)
    it('installs alone with npm into an empty folder, imports and type-checks', () => {
      const app = join(work, `app-${name.replace('/', '-')}`);
      mkdirSync(app, { recursive: true });
      writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
      const tarballs = [...closure(name)].map((n) => byName.get(n)!.tarball);
      const nodeTypes = smoke.nodeTypes === true ? [`@types/node@${ROOT_TYPES_NODE}`] : [];
      // Install scripts run, as for a user: onnxruntime-node's postinstall would download CUDA
      // libraries from outside the npm registry; the README's install section skips it the same way.
      const install = spawnSync('npm', ['install', '--no-audit', '--no-fund', ...tarballs, ...nodeTypes], {
        cwd: app,
        encoding: 'utf8',
        env: { ...process.env, npm_config_loglevel: 'warn', ONNXRUNTIME_NODE_INSTALL: 'skip' },
      });
      expect(install.status, `npm install ${name}:\n${install.stdout}\n${install.stderr}`).toBe(0);
      // Every engine in the tree takes the Node this runs on (cookie@2 through fastify wanted Node 22).
      expect(install.stderr).not.toMatch(/EBADENGINE/);
      writeFileSync(join(app, 'smoke.mjs'), smoke.mjs);
      const printed = run(process.execPath, ['smoke.mjs'], app);
      console.log(`npm install ${name} (+${tarballs.length - 1} internal) -> ${printed.trim()}`);
      expect(printed).toContain(`ok ${name}`);
      // ESM only (README, "ESM only"): CommonJS gets the same module through Node's require(esm).
      writeFileSync(join(app, 'smoke.cjs'), `const m = require('${name}');\nif (Object.keys(m).length === 0) throw new Error('empty');\n`);
      run(process.execPath, ['smoke.cjs'], app);
      writeFileSync(join(app, 'smoke.ts'), smoke.ts);
      // The resolutions the README supports: node16/nodenext (and bundler, which reads the same
      // exports); node10 through typesVersions, which maps the subpaths it cannot see in exports.
      const resolutions = { NodeNext: { module: 'NodeNext', skipLibCheck: false }, node10: { module: 'CommonJS', skipLibCheck: true } };
      for (const [moduleResolution, { module, skipLibCheck }] of Object.entries(resolutions)) {
        writeFileSync(
          join(app, 'tsconfig.json'),
          JSON.stringify({
            compilerOptions: {
              module,
              moduleResolution,
              target: 'ES2022',
              strict: true,
              noEmit: true,
              skipLibCheck,
              types: smoke.nodeTypes === true ? ['node'] : [],
            },
            files: ['smoke.ts'],
          }),
        );
        run(join(BIN, 'tsc'), ['-p', app], app);
      }
      console.log(`tsc ${name}: smoke.ts type-checks against the installed package (NodeNext, node10); require() loads it`);
    }, 300_000);
});
