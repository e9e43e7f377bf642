import { closeSync, fstatSync, openSync, readSync, realpathSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { type LocalFile, openSafetensors, type RandomAccessFile } from '@convbert/core';

/** Synchronous reads of parts of an open file (the graph builder reads tensors synchronously). */
class FdFile implements RandomAccessFile {
  constructor(
    private fd: number | undefined,
    readonly size: number,
  ) {}

  read(offset: number, length: number): Uint8Array {
    if (this.fd === undefined) throw new Error('the weights file was closed');
    const out = new Uint8Array(length);
    let done = 0;
    while (done < length) {
      const n = readSync(this.fd, out, done, length - done, offset + done);
      if (n === 0) throw new Error(`the weights file ended at byte ${offset + done} (it changed while loading?)`);
      done += n;
    }
    return out;
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}

/**
 * A local file opened for reads in place. Named by its real path: ONNX Runtime refuses external
 * data whose resolved path leaves the folder it is given, and the hub cache's snapshot files (or a
 * user's folder) may be links to elsewhere. Its identity (real path, size, mtime and ctime,
 * inode) keys the graph cache: rewriting or replacing the file changes it (ctime
 * even when a tool restores the mtime); the hub cache's blobs
 * are named by their sha256, so there the real path names the content too.
 */
export function openLocalFile(path: string): LocalFile {
  const real = realpathSync(path);
  const fd = openSync(real, 'r');
  try {
    // Plain (not bigint) stats: Bun and Deno take this library too; their mtimeMs/ctimeMs keep sub-millisecond digits.
    const st = fstatSync(fd);
    const identity = `${real}:${st.size}:${st.mtimeMs}:${st.ctimeMs}:${st.ino}`;
    const file = new FdFile(fd, Number(st.size));
    const location = basename(real);
    return { file, folder: dirname(real), location, identity, openSafetensors: () => openSafetensors(file, location) };
  } catch (err) {
    closeSync(fd);
    throw err;
  }
}
