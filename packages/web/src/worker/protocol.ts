import type { OrtWebOptions } from '../backend/env.js';
import type { NamedFile } from '../sources/file-source.js';

/** A model as it can cross to a worker: a hub id / folder URL, or the files of a dropped folder. */
export type WorkerModelRef = string | { files: NamedFile[]; id?: string };

export type Request =
  | { id: number; type: 'configure'; options: OrtWebOptions }
  | { id: number; type: 'pipeline'; task: string; model: WorkerModelRef; options: Record<string, unknown> }
  | { id: number; type: 'run'; handle: number; args: unknown[] }
  | { id: number; type: 'dispose'; handle: number };

export type Response =
  | { id: number; ok: true; value: unknown; timings?: unknown }
  | { id: number; ok: false; error: { name: string; message: string; code?: string } };
