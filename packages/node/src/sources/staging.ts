// Where a download is staged until it is whole and verified: beside the cache's model folders, in
// `<cache>/.downloads/models--owner--name/`, so that no file of a repo (a `config.json.lock`, an
// `x.incomplete`) can be taken for a lock or a partial download, and the snapshot folders hold
// only finished files. Each process writes its own temporary file; a lock says whose turn it is.
import { createHash, randomBytes } from 'node:crypto';
import { readdir, rename, rmdir, stat, unlink } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { cacheSegments, type HubFileRef } from '@convbert/core';

export interface Staging {
  /** `<cache>/.downloads/models--owner--name`. */
  dir: string;
  /** What the lock is taken on (`<target>.lock`) and the prefix of the temporary files. */
  target: string;
}

export function stagingFor(cacheDir: string, ref: HubFileRef): Staging {
  const [repoFolder, ...rest] = cacheSegments(ref);
  // One flat name per file of a revision: nested names could put one file's lock inside another's folder.
  const key = createHash('sha256').update(rest.join('/')).digest('hex');
  const dir = join(cacheDir, '.downloads', repoFolder as string);
  return { dir, target: join(dir, key) };
}

/** A temporary file no other process writes: `<target>.<pid>-<random>.incomplete`. */
export function uniqueTemp(staging: Staging): string {
  return `${staging.target}.${process.pid}-${randomBytes(4).toString('hex')}.incomplete`;
}

/**
 * Under the lock, takes over what earlier processes left (killed, or out of retries): the largest
 * partial file becomes `temp`, to resume from; the others are deleted. Returns the bytes taken over.
 */
export async function adoptLeftovers(staging: Staging, temp: string): Promise<number> {
  const prefix = `${staging.target.slice(staging.dir.length + 1)}.`;
  let names: string[];
  try {
    names = (await readdir(staging.dir)).filter((n) => n.startsWith(prefix) && n.endsWith('.incomplete'));
  } catch {
    return 0;
  }
  const sized = await Promise.all(
    names.map(async (n) => ({
      path: join(staging.dir, n),
      size: await stat(join(staging.dir, n)).then(
        (s) => s.size,
        () => -1,
      ),
    })),
  );
  sized.sort((a, b) => b.size - a.size);
  const [best, ...rest] = sized;
  await Promise.all(rest.map((f) => unlink(f.path).catch(() => {})));
  if (!best || best.size <= 0) {
    if (best) await unlink(best.path).catch(() => {});
    return 0;
  }
  try {
    await rename(best.path, temp);
    return best.size;
  } catch {
    return 0;
  }
}

/** Removes `dir` and its parents while they are empty, up to (not including) `root`. */
export async function pruneEmptyDirs(dir: string, root: string): Promise<void> {
  let d = dir;
  while (relative(root, d) !== '' && !relative(root, d).startsWith('..')) {
    try {
      await rmdir(d);
    } catch {
      return;
    }
    d = dirname(d);
  }
}
