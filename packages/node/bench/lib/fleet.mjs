// A fleet on this machine, for the load tests and the load bench: `convbert serve` replicas on
// 127.0.0.1 ports behind HAProxy started on the shipped deploy/haproxy/haproxy.cfg, HAProxy's
// runtime API, and a load that records every request's outcome. Types: fleet.d.mts.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../dist/bin/convbert.js', import.meta.url));
export const HAPROXY_CFG = fileURLToPath(new URL('../../deploy/haproxy/haproxy.cfg', import.meta.url));
const HAPROXY = '/usr/sbin/haproxy';
const pause = (ms) => new Promise((r) => setTimeout(r, ms));

/** HAProxy from Debian's packages, installed when missing (as root, as setup.sh installs Chromium). */
export function ensureHaproxy() {
  if (existsSync(HAPROXY)) return HAPROXY;
  if (process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
    execFileSync('/bin/sh', ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq haproxy'], {
      stdio: 'ignore',
    });
    if (existsSync(HAPROXY)) return HAPROXY;
  }
  throw new Error('the fleet needs HAProxy: sudo apt-get install -y haproxy');
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** Starts (or restarts) `convbert serve` on `port`; resolves once it says it is ready. */
export async function startReplica(port, flags = []) {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', String(port), ...flags], { stdio: ['ignore', 'ignore', 'pipe'] });
  const exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  let stderr = '';
  await new Promise((resolve, reject) => {
    child.stderr.on('data', (d) => {
      stderr += d;
      if (/convbert: ready/.test(stderr)) resolve();
    });
    exited.then((code) => reject(new Error(`replica on ${port} exited ${code}: ${stderr}`)));
  });
  return { port, url: `http://127.0.0.1:${port}`, child, exited };
}

/** HAProxy on the shipped configuration, its `server` lines pointing at `replicas` (ports). */
export async function startBalancer(replicas) {
  const haproxy = ensureHaproxy();
  const [port, stats] = [await freePort(), await freePort()];
  const admin = join(mkdtempSync(join(tmpdir(), 'convbert-lb-')), 'admin.sock');
  const env = {
    ...process.env,
    CONVBERT_LB_BIND: `127.0.0.1:${port}`,
    CONVBERT_LB_STATS: `127.0.0.1:${stats}`,
    CONVBERT_LB_ADMIN: admin,
    ...Object.fromEntries(replicas.map((p, i) => [`CONVBERT_REPLICA_${i + 1}`, `127.0.0.1:${p}`])),
  };
  const child = spawn(haproxy, ['-db', '-f', HAPROXY_CFG], { env, stdio: 'ignore' });
  const exited = new Promise((resolve) => child.once('exit', () => resolve()));
  const lb = {
    url: `http://127.0.0.1:${port}`,
    admin,
    child,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
  for (;;) {
    if (child.exitCode !== null) throw new Error(`haproxy exited ${child.exitCode}`);
    if (existsSync(admin) && (await serverStates(lb).catch(() => undefined))) return lb;
    await pause(50);
  }
}

/** One command of HAProxy's runtime API. */
export function adminCommand(lb, command) {
  return new Promise((resolve, reject) => {
    let out = '';
    const s = connect(lb.admin, () => s.end(`${command}\n`));
    s.on('data', (d) => {
      out += d;
    });
    s.on('end', () => resolve(out));
    s.on('error', reject);
  });
}

/** Each server of the `replicas` backend and its state as HAProxy sees it (`UP`, `DOWN`, `MAINT`, ...). */
export async function serverStates(lb) {
  const csv = await adminCommand(lb, 'show stat');
  const rows = csv.split('\n').filter((l) => l.startsWith('replicas,'));
  return Object.fromEntries(
    rows
      .map((l) => l.split(','))
      .filter((c) => /^r\d+$/.test(c[1]))
      .map((c) => [c[1], c[17]]),
  );
}

export async function untilState(lb, server, state) {
  while (!state.test((await serverStates(lb))[server] ?? '')) await pause(50);
}

/** POSTs JSON on a keep-alive agent; resolves with the status, or the error's code when no answer came. */
export function post(url, body, agent) {
  const json = JSON.stringify(body);
  return new Promise((resolve) => {
    const req = request(
      url,
      { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', (e) => resolve(e.code ?? e.message));
      },
    );
    req.on('error', (e) => resolve(e.code ?? e.message));
    req.end(json);
  });
}

/**
 * `concurrency` clients, each sending one request after another (keep-alive) until `stop()`: every
 * outcome in order of completion.
 */
export function load(url, body, concurrency) {
  const outcomes = [];
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  let stopping = false;
  let i = 0;
  const client = async () => {
    while (!stopping) outcomes.push(await post(url, body(i++), agent));
  };
  const running = Promise.all(Array.from({ length: concurrency }, client));
  return {
    outcomes,
    stop: async () => {
      stopping = true;
      await running;
      agent.destroy();
      return outcomes;
    },
  };
}
