// The drain on SIGTERM, in the order a load balancer needs: first say not-ready while still
// answering (the balancer's health checks see /ready 503 and stop sending), then close the
// listener and let what is in flight finish (answers close their connections; idle ones are
// closed), all within a bound, then unload the models.
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance } from 'fastify';
import type { Phase } from './context.js';

export interface DrainSteps {
  app: FastifyInstance;
  /** How long /ready answers 503 while requests are still served. */
  graceMs: number;
  /** The whole drain at most. */
  timeoutMs: number;
  setPhase(phase: Phase): void;
  /** Requests not yet answered. */
  inFlight(): number;
  /** Unloads the models; `force`: without waiting for queued work. */
  unload(force: boolean): Promise<void>;
}

export async function drain(s: DrainSteps): Promise<{ cut: number }> {
  const deadline = performance.now() + s.timeoutMs;
  s.setPhase('draining');
  if (s.graceMs > 0) await sleep(Math.min(s.graceMs, s.timeoutMs));
  s.setPhase('stopping');
  // Keep-alive connections become idle as their last answers go out: close them as they do.
  const reaper = setInterval(() => s.app.server.closeIdleConnections(), 100);
  const closed = s.app.close();
  const late = new AbortController();
  const left = Math.max(0, deadline - performance.now());
  const inTime = await Promise.race([closed.then(() => true), sleep(left, false, { signal: late.signal }).catch(() => true)]);
  late.abort();
  let cut = 0;
  if (!inTime) {
    cut = s.inFlight();
    s.app.server.closeAllConnections();
    await closed;
  }
  clearInterval(reaper);
  await s.unload(!inTime);
  return { cut };
}
