import type { Socket } from 'node:net';
import { connect as netConnect } from 'node:net';
import { type PipelineCase, pipelineCases, pipelineOutputDiff } from '@convbert/test-fixtures';

/** The reference's (transformers 4.36) pipeline outputs on the tiny checkpoints, of one task or all. */
export function goldenPipelines(task?: string): PipelineCase[] {
  const all = pipelineCases();
  return task ? all.filter((c) => c.task === task) : all;
}

/** The shared comparison with the reference (paths that differ; empty when equal), at the server tests' 1e-4. */
export const diffClose = (actual: unknown, expected: unknown, atol = 1e-4): string[] => pipelineOutputDiff(actual, expected, atol);

/** A parsed JSON answer, indexed freely by the tests. */
// biome-ignore lint/suspicious/noExplicitAny: test answers are checked field by field
export type Json = any;

export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Json };
}

/** A metric's value in a /metrics answer (the first sample whose labels contain `labels`); 0 when absent. */
export function metric(text: string, name: string, labels = ''): number {
  for (const line of text.split('\n')) {
    if (!line.startsWith(name)) continue;
    const rest = line.slice(name.length);
    if (rest.startsWith(' ') && labels === '') return Number(rest.trim());
    if (rest.startsWith('{') && rest.slice(0, rest.indexOf('}')).includes(labels)) return Number(rest.slice(rest.indexOf('}') + 1).trim());
  }
  return 0;
}

export async function metrics(url: string): Promise<string> {
  return (await fetch(`${url}/metrics`)).text();
}

/** Polls `check` until it holds (each test's own timeout bounds the wait). */
export async function until(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; ; i++) {
    if (await check()) return;
    if (i > 2000) throw new Error(`gave up waiting: ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** A raw TCP connection to the server: what it wrote, and whether it closed. */
export interface RawConnection {
  socket: Socket;
  /** Everything received so far. */
  received(): string;
  /** Resolves with everything received once the server closes the connection. */
  closed: Promise<string>;
}

export function connect(url: string, first?: string): Promise<RawConnection> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = netConnect(Number(port), hostname, () => {
      if (first !== undefined) socket.write(first);
      resolve({ socket, received: () => text, closed });
    });
    let text = '';
    socket.on('data', (d) => {
      text += d;
    });
    const closed = new Promise<string>((done) => socket.on('close', () => done(text)));
    socket.on('error', () => {});
    socket.once('error', reject);
  });
}

/** The status line's code and the JSON body of a raw HTTP/1.1 answer. */
export function parseRaw(raw: string): { status: number; headers: string; body: Json } {
  const [head, body] = [raw.slice(0, raw.indexOf('\r\n\r\n')), raw.slice(raw.indexOf('\r\n\r\n') + 4)];
  return { status: Number(head.split(' ')[1]), headers: head.toLowerCase(), body: body ? JSON.parse(body) : undefined };
}
