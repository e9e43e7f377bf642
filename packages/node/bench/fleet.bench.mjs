// A fleet of `convbert serve` replicas behind HAProxy on the shipped deploy/haproxy/haproxy.cfg
// (127.0.0.1 only; every step bounded in time):
// 1. capacity through the balancer with 1, 2 and 3 replicas (the others in maintenance): req/s
//    and p50/p99 at 64 connections (autocannon);
// 2. what a rolling restart (SIGTERM one replica at a time, start it again) and a `kill -9` cost
//    the requests under load: answered, and anything else.
// All on this machine's cores with the generator: the gain from replicas is bounded by them.
// Run: node bench/fleet.bench.mjs   (FLEET_STEP_S=10 per row)
import { availableParallelism } from 'node:os';
import autocannon from 'autocannon';
import { adminCommand, freePort, load, startBalancer, startReplica, untilState } from './lib/fleet.mjs';

const STEP_S = Number(process.env.FLEET_STEP_S ?? 10);
const BODY = JSON.stringify({ inputs: 'a gorgeous, witty, seductive movie.' });
const ms = (v) => (v < 10 ? v.toFixed(2) : v.toFixed(0));
const ports = [await freePort(), await freePort(), await freePort()];
const replicas = await Promise.all(ports.map((p) => startReplica(p)));
const lb = await startBalancer(ports);
for (const r of ['r1', 'r2', 'r3']) await untilState(lb, r, /^UP/);

const hammer = (seconds) =>
  autocannon({
    url: `${lb.url}/`,
    connections: 64,
    duration: seconds,
    timeout: 60,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: BODY,
  });

try {
  console.log(
    `\nconvbert serve replicas (defaults) behind HAProxy, 64 connections, ${STEP_S} s per row, ${availableParallelism()} cores shared by all\n`,
  );
  console.log('| replicas | req/s | p50 ms | p99 ms | non-2xx | errors |');
  console.log('|---:|---:|---:|---:|---:|---:|');
  for (const n of [1, 2, 3]) {
    for (const [i] of ports.entries()) await adminCommand(lb, `set server replicas/r${i + 1} state ${i < n ? 'ready' : 'maint'}`);
    for (let i = 0; i < n; i++) await untilState(lb, `r${i + 1}`, /^UP/);
    await hammer(2); // warm-up
    const r = await hammer(STEP_S);
    console.log(`| ${n} | ${r.requests.average.toFixed(0)} | ${ms(r.latency.p50)} | ${ms(r.latency.p99)} | ${r.non2xx} | ${r.errors} |`);
  }

  const texts = ['a gorgeous, witty, seductive movie.', 'It was not bad.', 'What a waste of time.'];
  const body = (i) => ({ inputs: texts[i % texts.length] });
  const summary = (outcomes) => {
    const counts = {};
    for (const o of outcomes) counts[o] = (counts[o] ?? 0) + 1;
    return { total: outcomes.length, ok: counts[200] ?? 0, other: Object.entries(counts).filter(([k]) => k !== '200') };
  };
  console.log('\nunder load (16 clients, one request after another):\n');
  console.log('| event | requests | answered 200 | anything else |');
  console.log('|---|---:|---:|---|');
  {
    const traffic = load(`${lb.url}/`, body, 16);
    for (const [i, r] of replicas.entries()) {
      r.child.kill('SIGTERM');
      await r.exited;
      replicas[i] = await startReplica(r.port);
      await untilState(lb, `r${i + 1}`, /^UP/);
    }
    const s = summary(await traffic.stop());
    console.log(`| rolling restart of 3 replicas | ${s.total} | ${s.ok} | ${s.other.map(([k, v]) => `${k}: ${v}`).join(', ') || 'none'} |`);
  }
  {
    const traffic = load(`${lb.url}/`, body, 16);
    await new Promise((r) => setTimeout(r, 2000));
    replicas[1].child.kill('SIGKILL');
    await replicas[1].exited;
    await untilState(lb, 'r2', /^DOWN/);
    const atDown = traffic.outcomes.length;
    await new Promise((r) => setTimeout(r, 3000));
    const all = await traffic.stop();
    const before = summary(all.slice(0, atDown));
    const after = summary(all.slice(atDown));
    console.log(
      `| kill -9 of r2, until HAProxy marks it down | ${before.total} | ${before.ok} | ${before.other.map(([k, v]) => `${k}: ${v}`).join(', ') || 'none'} |`,
    );
    console.log(`| after it is down | ${after.total} | ${after.ok} | ${after.other.map(([k, v]) => `${k}: ${v}`).join(', ') || 'none'} |`);
  }
} finally {
  for (const r of replicas) r.child.kill('SIGKILL');
  await lb.stop();
}
