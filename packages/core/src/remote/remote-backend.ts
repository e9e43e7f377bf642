// A `Backend` whose sessions run on an inference server over the Open Inference Protocol (KServe
// v2: Triton, KServe, Seldon, `convbert serve`). Tokenizing and post-processing stay local; only the
// model's forward pass crosses the network. fetch only, so it runs in Node, browsers and workers.
import { CoreError } from '../errors.js';
import type { Backend, Session, SessionOptions, Tensor } from '../runtime/backend.js';
import { fromWire, toWire, type WireTensor } from './tensors.js';

/** The part of WHATWG fetch this backend uses (core is built without DOM or Node types). */
export interface FetchResponseLike {
  ok: boolean;
  status: number;
  /** The body as text. */
  text(): Promise<string>;
}
/** The part of `fetch` `RemoteBackend` uses (pass your own for retries, auth or tests). */
export type FetchLike = (
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string; signal?: unknown },
) => Promise<FetchResponseLike>;

interface Globals {
  fetch?: FetchLike;
  AbortSignal?: { timeout?(ms: number): unknown };
}

/** Where `RemoteBackend` sends its requests and how. */
export interface RemoteBackendOptions {
  /** The server's base URL (`http://host:8000`). */
  url: string;
  /** The model's name on the server (`/v2/models/<model>`). */
  model: string;
  /** A model version (`/v2/models/<model>/versions/<version>`); the server's default when omitted. */
  version?: string;
  /** Extra headers, e.g. `{ Authorization: 'Bearer …' }`. */
  headers?: Record<string, string>;
  /** Per-call deadline in ms (default 60 000). */
  timeoutMs?: number;
  /** The fetch to use (default: the global one). */
  fetch?: FetchLike;
}

interface ModelMetadata {
  inputs?: { name: string }[];
  outputs?: { name: string }[];
}

async function call<T>(o: RemoteBackendOptions, path: string, init: { method?: string; body?: string } = {}): Promise<T> {
  const g = globalThis as unknown as Globals;
  const doFetch = o.fetch ?? g.fetch;
  if (!doFetch) throw new CoreError('BACKEND_UNAVAILABLE', 'no fetch in this runtime: pass options.fetch');
  const url = `${o.url.replace(/\/+$/, '')}${path}`;
  let res: FetchResponseLike;
  try {
    res = await doFetch(url, {
      ...init,
      headers: { ...(init.body ? { 'content-type': 'application/json' } : {}), ...o.headers },
      signal: g.AbortSignal?.timeout?.(o.timeoutMs ?? 60_000),
    });
  } catch (err) {
    throw new CoreError('BACKEND_UNAVAILABLE', `the inference server at ${url} did not answer (${(err as Error).message})`, { cause: err });
  }
  const text = await res.text();
  if (!res.ok) {
    let detail = text.slice(0, 300);
    try {
      detail = (JSON.parse(text) as { error?: string }).error ?? detail;
    } catch {}
    throw new CoreError('BACKEND_UNAVAILABLE', `the inference server answered ${res.status} for ${url}: ${detail}`);
  }
  try {
    return JSON.parse(text) as T;
  } catch (err) {
    throw new CoreError('BACKEND_OUTPUT_MISSING', `the inference server's answer for ${url} is not JSON`, { cause: err });
  }
}

class RemoteSession implements Session {
  constructor(
    private readonly o: RemoteBackendOptions,
    private readonly base: string,
    readonly inputNames: readonly string[],
    readonly outputNames: readonly string[],
  ) {}

  async run(feeds: Record<string, Tensor>, outputNames?: readonly string[]): Promise<Record<string, Tensor>> {
    const wanted = outputNames ?? this.outputNames;
    for (const name of wanted) {
      if (!this.outputNames.includes(name)) {
        throw new CoreError('BACKEND_OUTPUT_MISSING', `the served model has no output ${name} (it has ${this.outputNames.join(', ')})`);
      }
    }
    const body = {
      inputs: Object.entries(feeds).map(([name, t]) => toWire(name, t)),
      outputs: wanted.map((name) => ({ name })),
    };
    const res = await call<{ outputs?: WireTensor[] }>(this.o, `${this.base}/infer`, { method: 'POST', body: JSON.stringify(body) });
    const out: Record<string, Tensor> = {};
    for (const t of res.outputs ?? []) out[t.name] = fromWire(t);
    for (const name of wanted) {
      if (!out[name]) throw new CoreError('BACKEND_OUTPUT_MISSING', `the inference server returned no ${name}`);
    }
    return out;
  }

  async release(): Promise<void> {}
}

/**
 * Runs models on a remote inference server. `createSession` ignores the model bytes it is given:
 * the model is the one the server serves under `model`; its inputs and outputs come from the
 * server's metadata.
 */
export class RemoteBackend implements Backend {
  readonly name = 'remote';
  constructor(readonly options: RemoteBackendOptions) {
    if (!/^https?:\/\//.test(options.url)) throw new CoreError('BACKEND_UNAVAILABLE', `url must be http(s)://…, got ${options.url}`);
  }

  async createSession(_model?: Uint8Array, _options?: SessionOptions): Promise<Session> {
    const { model, version } = this.options;
    const base = `/v2/models/${encodeURIComponent(model)}${version ? `/versions/${encodeURIComponent(version)}` : ''}`;
    const meta = await call<ModelMetadata>(this.options, base);
    const inputs = (meta.inputs ?? []).map((i) => i.name);
    const outputs = (meta.outputs ?? []).map((o) => o.name);
    if (outputs.length === 0) throw new CoreError('BACKEND_OUTPUT_MISSING', `the served model ${model} lists no outputs`);
    return new RemoteSession(this.options, base, inputs, outputs);
  }
}

/**
 * `remote('http://host:8000/v2/models/my-model')` or `remote('http://host:8000', { model })`: a
 * `RemoteBackend` for `pipeline(task, model, { backend })`.
 */
export function remote(url: string, options: Partial<Omit<RemoteBackendOptions, 'url'>> = {}): RemoteBackend {
  const m = url.match(/^(.*?)\/v2\/models\/([^/]+)(?:\/versions\/([^/]+))?\/?$/);
  const model = options.model ?? (m ? decodeURIComponent(m[2]) : undefined);
  if (!model) throw new CoreError('BACKEND_UNAVAILABLE', `name the model: remote('${url}/v2/models/<name>') or remote(url, { model })`);
  return new RemoteBackend({
    ...options,
    url: m ? m[1] : url,
    model,
    version: options.version ?? (m?.[3] ? decodeURIComponent(m[3]) : undefined),
  });
}
