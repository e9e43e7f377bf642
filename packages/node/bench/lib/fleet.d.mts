import type { ChildProcess } from 'node:child_process';
import type { Agent } from 'node:http';

export const HAPROXY_CFG: string;
export function ensureHaproxy(): string;
export function freePort(): Promise<number>;

export interface Replica {
  readonly port: number;
  readonly url: string;
  child: ChildProcess;
  /** Resolves with the exit code of the process. */
  exited: Promise<number | null>;
}
export function startReplica(port: number, flags?: string[]): Promise<Replica>;

export interface Balancer {
  readonly url: string;
  readonly admin: string;
  child: ChildProcess;
  stop(): Promise<void>;
}
export function startBalancer(replicas: number[]): Promise<Balancer>;
export function adminCommand(lb: Balancer, command: string): Promise<string>;
export function serverStates(lb: Balancer): Promise<Record<string, string>>;
export function untilState(lb: Balancer, server: string, state: RegExp): Promise<void>;

/** A request's status, or the error's code when no answer came. */
export type Outcome = number | string;
export function post(url: string, body: unknown, agent: Agent): Promise<Outcome>;
export function load(url: string, body: (i: number) => unknown, concurrency: number): { outcomes: Outcome[]; stop(): Promise<Outcome[]> };
