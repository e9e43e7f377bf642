// The runtimes the suite runs in, how each is started, and the permissions each backend needs.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const HERE = resolve(fileURLToPath(import.meta.url), '../..');
export const ROOT = resolve(HERE, '../..');

const INSTALL_HINT =
  'install it with the project set-up: `bash tooling/scripts/setup.sh` (or `pnpm install`: bun, deno, workerd and wrangler are devDependencies of tooling/runtimes, from npm)';

/**
 * Deno's permission sets, as documented in the README: the node backend loads onnxruntime-node's
 * native addon (ffi); the web backend reads ONNX Runtime's wasm from node_modules. Neither
 * may write: a graph cache that cannot be written must only warn.
 */
export const DENO_FLAGS = {
  node: ['--allow-read', '--allow-env', '--allow-ffi'],
  web: ['--allow-read', '--allow-env'],
};

/** The runtime's executable from this package's node_modules/.bin; throws the install hint when missing or broken. */
export function runtimeBin(name) {
  if (name === 'node') return process.execPath;
  const bin = join(HERE, 'node_modules', '.bin', name);
  const probe = existsSync(bin) ? spawnSync(bin, ['--version'], { encoding: 'utf8' }) : undefined;
  if (probe?.status !== 0) {
    const why =
      probe === undefined ? `${bin} is missing` : `${bin} --version failed: ${(probe.stderr || probe.stdout || '').trim().split('\n')[0]}`;
    throw new Error(`${name} is not installed (${why}); ${INSTALL_HINT}`);
  }
  return bin;
}

/** Command line of the suite in a runtime with a file system. */
export function suiteCommand(runtime, backend) {
  const script = join(HERE, 'src', 'local.mjs');
  const bin = runtimeBin(runtime);
  const args = runtime === 'deno' ? ['run', ...DENO_FLAGS[backend], script] : [script];
  return { bin, args: [...args, '--backend', backend] };
}

/** Runs a command; resolves with its exit code and output (stdout and stderr together). */
export function run(bin, args, env = {}) {
  return new Promise((done, fail) => {
    const child = spawn(bin, args, { cwd: HERE, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      out += d;
    });
    child.on('error', fail);
    child.on('close', (code) => done({ code, out }));
  });
}

/** The suite's closing line and timings, read from its output. */
export function parseSuite(out) {
  const counts = /^(\d+) passed, (\d+) failed$/m.exec(out);
  const timings = /^timings: (.*)$/m.exec(out);
  return {
    passed: counts ? Number(counts[1]) : 0,
    failed: counts ? Number(counts[2]) : Number.NaN,
    timings: timings ? JSON.parse(timings[1]) : undefined,
  };
}
