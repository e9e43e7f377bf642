// A fleet of `convbert serve` replicas behind HAProxy on the shipped configuration
// (deploy/haproxy/haproxy.cfg), under load: a rolling restart (SIGTERM one replica at a time, start
// it again) loses no request, and `kill -9` of a replica loses at most the requests it was running,
// none once the balancer has taken it out. Facts only: every outcome, never a timing.
import { readFileSync } from 'node:fs';
import { fixturePath } from '@convbert/test-fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Balancer,
  freePort,
  load,
  type Replica,
  serverStates,
  startBalancer,
  startReplica,
  untilState,
} from '../../../bench/lib/fleet.mjs';

const texts = readFileSync(fixturePath('demo', 'convbert-mini-sst2', 'golden', 'sst2_dev.tsv'), 'utf8')
  .split('\n')
  .slice(1)
  .filter((l) => l.trim() !== '')
  .map((l) => l.split('\t')[1] as string);
const CLIENTS = 8;

let replicas: Replica[] = [];
let lb: Balancer | undefined;
beforeAll(async () => {
  const ports = [await freePort(), await freePort(), await freePort()];
  // The default drain grace (5 s) outlasts the 2 failed checks, 1 s apart, that take a replica out.
  replicas = await Promise.all(ports.map((p) => startReplica(p)));
  lb = await startBalancer(ports);
  for (const r of ['r1', 'r2', 'r3']) await untilState(lb, r, /^UP/);
});
afterAll(async () => {
  for (const r of replicas) r.child.kill('SIGKILL');
  await lb?.stop();
});

const body = (i: number) => ({ inputs: texts[i % texts.length] });
const until = async (check: () => boolean) => {
  while (!check()) await new Promise((r) => setTimeout(r, 20));
};

describe('a fleet behind HAProxy', () => {
  it('loses no request in a rolling restart under load (SIGTERM, drain, start again)', async () => {
    const traffic = load(`${lb!.url}/`, body, CLIENTS);
    for (const [i, r] of replicas.entries()) {
      await until(() => traffic.outcomes.length > 20 * (i + 1));
      r.child.kill('SIGTERM');
      expect(await r.exited, `replica r${i + 1} exits 0 after its drain`).toBe(0);
      replicas[i] = await startReplica(r.port);
      await untilState(lb!, `r${i + 1}`, /^UP/);
    }
    const outcomes = await traffic.stop();
    expect(outcomes.length).toBeGreaterThan(60);
    expect(outcomes.filter((o) => o !== 200)).toEqual([]);
  });

  it('loses at most the killed replica’s in-flight requests to kill -9, none once it is out', async () => {
    const traffic = load(`${lb!.url}/`, body, CLIENTS);
    await until(() => traffic.outcomes.length > 50);
    replicas[1].child.kill('SIGKILL');
    await replicas[1].exited;
    await untilState(lb!, 'r2', /^DOWN/);
    const atDown = traffic.outcomes.length;
    await until(() => traffic.outcomes.length > atDown + 100);
    const outcomes = await traffic.stop();
    // At most one request per client can have been on the killed replica (HAProxy retries them elsewhere).
    expect(outcomes.slice(0, atDown).filter((o) => o !== 200).length).toBeLessThanOrEqual(CLIENTS);
    expect(outcomes.slice(atDown).filter((o) => o !== 200)).toEqual([]);
    replicas[1] = await startReplica(replicas[1].port);
    await untilState(lb!, 'r2', /^UP/);
    expect(Object.values(await serverStates(lb!)).every((s) => s.startsWith('UP'))).toBe(true);
  });
});
