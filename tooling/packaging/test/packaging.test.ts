import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SMOKE } from '../smoke.mjs';

const ROOT = resolve(import.meta.dirname, '../../..');
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
  it('passes publint on its tarball', async () => {
    const tarball = readFileSync(pkg.tarball);
    const { messages, pkg: manifest } = await publint({
      pack: { tarball: tarball.buffer.slice(tarball.byteOffset, tarball.byteOffset + tarball.byteLength) },
      level: 'warning',
    });
    const text = messages.map((m) => `${m.type}: ${formatMessage(m, manifest)}`);
    console.log(`publint ${name}: ${text.length === 0 ? 'clean' : text.join('; ')}`);
    expect(text).toEqual([]);
  });

  it('passes are-the-types-wrong (ESM-only profile) on its tarball', () => {
    // attw exits non-zero on any problem the profile does not ignore (run() throws then).
    // The esm-only profile ignores node10 and CommonJS `require`: these packages are ESM only.
    const out = run(join(BIN, 'attw'), [pkg.tarball, '--profile', 'esm-only', '--format', 'json'], work);
    const problems = (JSON.parse(out).analysis?.problems ?? []).filter(
      (p: { resolutionKind?: string }) => p.resolutionKind !== 'node10' && p.resolutionKind !== 'node16-cjs',
    );
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
      run('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', ...tarballs, ...nodeTypes], app);
      writeFileSync(join(app, 'smoke.mjs'), smoke.mjs);
      const printed = run(process.execPath, ['smoke.mjs'], app);
      console.log(`npm install ${name} (+${tarballs.length - 1} internal) -> ${printed.trim()}`);
      expect(printed).toContain(`ok ${name}`);
      writeFileSync(join(app, 'smoke.ts'), smoke.ts);
      writeFileSync(
        join(app, 'tsconfig.json'),
        JSON.stringify({
          compilerOptions: {
            module: 'NodeNext',
            moduleResolution: 'NodeNext',
            target: 'ES2022',
            strict: true,
            noEmit: true,
            skipLibCheck: false,
            types: smoke.nodeTypes === true ? ['node'] : [],
          },
          files: ['smoke.ts'],
        }),
      );
      run(join(BIN, 'tsc'), ['-p', app], app);
      console.log(`tsc ${name}: smoke.ts type-checks against the installed package`);
    }, 300_000);
});
