// One download per cached file at a time, across processes. proper-lockfile makes the lock a
// folder (`mkdir` is atomic on local and network file systems alike) and refreshes its mtime while
// the holder lives; a lock whose mtime stops moving (its process was killed) is stale and taken
// over, so a dead process never blocks the others for good.
import { mkdir } from 'node:fs/promises';
import type { DownloadLimits } from '@convbert/core/download';
import { lock } from 'proper-lockfile';
import { CacheUnwritable } from '../errors.js';
import type { Staging } from './staging.js';

/** A lock not refreshed for this long is stale: its holder is gone (proper-lockfile's default). */
export const LOCK_STALE_MS = 10_000;
/** How often a waiting process looks again (at the lock, and at whether the file has arrived). */
const POLL_MS = 200;

export interface LockTuning {
  /** Tests shorten the stale time (at least 2 s) so that taking over a killed process's lock is quick. */
  lockStaleMs?: number;
}

export type Release = () => Promise<void>;

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Takes the lock of a staged download, waiting while another process holds it. `arrived()` is
 * asked between waits: once the other process has put the file in the cache, no lock is needed and
 * `undefined` comes back. The wait ends with `HUB_DEADLINE` at the download's deadline.
 * `onLost` runs if this process stalled past the stale time and another one took the lock over.
 */
export async function lockDownload(
  staging: Staging,
  limits: DownloadLimits,
  arrived: () => Promise<boolean>,
  onLost: () => void,
  tuning: LockTuning = {},
): Promise<Release | undefined> {
  for (;;) {
    try {
      await mkdir(staging.dir, { recursive: true });
      return await lock(staging.target, {
        stale: tuning.lockStaleMs ?? LOCK_STALE_MS,
        realpath: false,
        // The default throws from a timer (the process dies); the download stops writing instead.
        onCompromised: onLost,
      });
    } catch (err) {
      const code = (err as { code?: string }).code;
      // ENOENT: another process pruned the empty staging folder between our mkdir and the lock.
      if (code !== 'ELOCKED' && code !== 'ENOENT') throw new CacheUnwritable(err);
    }
    if (await arrived()) return undefined;
    limits.checkTime('another process is still downloading it');
    await sleep(POLL_MS);
  }
}
