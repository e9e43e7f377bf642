// Reading a hub answer's body, chunk by chunk, under the size bound: Node streams it to a file,
// browsers and the Node fallback without a cache collect it in memory.

import { DownloadLimits } from './download-limits.js';
import { HubError } from './errors.js';
import type { HubFetchLike, HubResponseLike } from './hub-get.js';
import { hubGet } from './hub-get.js';
import { type AbortControllerLike, idleTimer } from './idle-timer.js';
import type { DownloadLimitOptions } from './limits.js';

/** The part of a WHATWG `ReadableStream` this needs. */
export interface BodyLike {
  getReader(): { read(): Promise<{ done: boolean; value?: Uint8Array }>; cancel(reason?: unknown): Promise<void> };
}

/** A response whose body can be read (Node's and browsers' `Response` are). */
export interface HubBodyResponse extends HubResponseLike {
  readonly ok: boolean;
  readonly body: (BodyLike & { cancel(): Promise<void> }) | null;
}

/** The size the server announces (`Content-Length`), when it does. */
export function announcedLength(res: HubResponseLike): number | undefined {
  const length = Number(res.headers.get('content-length') ?? Number.NaN);
  return Number.isFinite(length) ? length : undefined;
}

/**
 * Hands each chunk of `body` to `onChunk` (awaited: a file write can push back) with the bytes so
 * far, counting from `start` (a resumed download); refuses more than `limits.maxBytes` with
 * `HUB_TOO_LARGE`, cancelling the body. Returns the byte count.
 */
export async function readHubBody(
  body: BodyLike,
  limits: DownloadLimits,
  start: number,
  onChunk: (chunk: Uint8Array, loaded: number) => unknown,
): Promise<number> {
  const reader = body.getReader();
  let loaded = start;
  for (;;) {
    const { done, value } = await reader.read();
    if (done || value === undefined) return loaded;
    loaded += value.byteLength;
    try {
      limits.checkSize(loaded, false);
    } catch (err) {
      await reader.cancel(err).catch(() => {});
      throw err;
    }
    await onChunk(value, loaded);
  }
}

export interface FetchHubBytesOptions<Signal> extends DownloadLimitOptions {
  token: string | undefined;
  /** No byte for this long ends the download with `HUB_TIMEOUT`. */
  timeoutMs: number;
  /** `repo@revision/file`, for errors and progress. */
  file: string;
  /** A fresh `AbortController` of the runtime (core has no type for it). */
  controller: AbortControllerLike<Signal>;
  /** The host asked, for the timeout's message. */
  host: string;
  onProgress?: (loaded: number, total: number | undefined) => void;
}

/**
 * A hub file's bytes in memory, with the redirect rule (`hubGet`), the idle timeout, the deadline
 * and the size bound. An HTTP error comes back as `failed` (the caller words it: a 404 may mean an
 * optional file is absent); a failure to connect is thrown as it came, for the caller to name.
 */
export async function fetchHubBytes<Res extends HubBodyResponse, Signal>(
  fetchFn: HubFetchLike<Res, Signal>,
  url: string,
  o: FetchHubBytesOptions<Signal>,
): Promise<{ bytes: Uint8Array; sha256: string | null } | { failed: Res }> {
  const limits = new DownloadLimits(o, o.file);
  const idle = idleTimer(o.timeoutMs, o.controller);
  const stopDeadline = limits.arm(o.controller);
  try {
    limits.checkTime('nothing was downloaded');
    const { res, sha256 } = await hubGet(fetchFn, url, { token: o.token, signal: idle.signal, file: o.file });
    if (!res.ok) {
      await res.body?.cancel();
      return { failed: res };
    }
    const total = announcedLength(res);
    if (total !== undefined) limits.checkSize(total, true);
    const chunks: Uint8Array[] = [];
    const loaded = res.body
      ? await readHubBody(res.body, limits, 0, (chunk, n) => {
          idle.touch();
          chunks.push(chunk);
          o.onProgress?.(n, total);
        })
      : 0;
    if (total !== undefined && loaded !== total) {
      throw new HubError('HUB_NETWORK', `the download stopped after ${loaded} of ${total} bytes; try again`, o.file);
    }
    return { bytes: concat(chunks, loaded), sha256 };
  } catch (err) {
    if (err instanceof HubError) throw err;
    if (limits.expired()) throw limits.deadlineError('nothing was kept', err);
    if (idle.timedOut()) throw new HubError('HUB_TIMEOUT', `no data from ${o.host} for ${o.timeoutMs} ms`, o.file, { cause: err });
    throw err;
  } finally {
    idle.stop();
    stopDeadline();
  }
}

function concat(chunks: Uint8Array[], length: number): Uint8Array {
  if (chunks.length === 1) return chunks[0] as Uint8Array;
  const bytes = new Uint8Array(length);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.byteLength;
  }
  return bytes;
}
