import { HubError } from './errors.js';

// Hub names end up as cache paths on disk. Anything that could climb out of the cache
// directory or mean something else to a file system is refused before it is used.
// A repo id part as huggingface_hub's `validate_repo_id` takes it (ASCII word characters, "-" and
// ".", starting and ending with a word character, at most 96); with "--" refused too, the cache
// folder `models--owner--name` names one repo only.
const REPO_PART = /^\w(?:[\w.-]{0,94}\w)?$/;
const SEGMENT = /^[A-Za-z0-9._@+=-][A-Za-z0-9._@+= -]*$/;

function unsafe(kind: string, value: string, why: string): HubError {
  return new HubError('HUB_INVALID_NAME', `${kind} ${JSON.stringify(value)} is refused: ${why}`);
}

function checkSegments(kind: string, value: string, maxSegments: number): void {
  if (typeof value !== 'string' || value.length === 0) throw unsafe(kind, String(value), 'it is empty');
  if (value.length > 256) throw unsafe(kind, value.slice(0, 40), 'it is longer than 256 characters');
  if (value.includes('\0')) throw unsafe(kind, value, 'it contains a NUL character');
  if (value.includes('\\')) throw unsafe(kind, value, 'it contains a backslash');
  if (value.startsWith('/') || /^[A-Za-z]:/.test(value)) throw unsafe(kind, value, 'it is an absolute path');
  const segments = value.split('/');
  if (segments.length > maxSegments) throw unsafe(kind, value, `it has more than ${maxSegments} path segments`);
  for (const s of segments) {
    if (s === '' || s === '.' || s === '..') throw unsafe(kind, value, `it has a "${s || '(empty)'}" path segment`);
    if (!SEGMENT.test(s)) throw unsafe(kind, value, `segment "${s}" has characters outside [A-Za-z0-9._@+= -]`);
  }
}

/** `owner/name` or `name`, as the hub spells repository ids. */
export function checkRepoId(repoId: string): void {
  if (typeof repoId !== 'string') throw unsafe('repo id', String(repoId), 'it is not a string');
  checkSegments('repo id', repoId, 2);
  for (const part of repoId.split('/')) {
    if (!REPO_PART.test(part)) {
      throw unsafe('repo id', repoId, 'use letters, digits, "-", "_" and "." (not first or last), at most 96 per part');
    }
  }
  if (repoId.includes('--') || repoId.includes('..')) throw unsafe('repo id', repoId, 'it contains "--" or ".."');
  if (repoId.endsWith('.git')) throw unsafe('repo id', repoId, 'it ends with ".git"');
}

/** A branch, tag or commit; may contain "/" (branches like `refs/pr/1`) but never climb. */
export function checkRevision(revision: string): void {
  checkSegments('revision', revision, 8);
}

/** A file inside a repository, possibly in a sub-folder (`onnx/model.onnx`). */
export function checkFilename(filename: string): void {
  checkSegments('file name', filename, 8);
}
