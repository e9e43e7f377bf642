import { checkFilename, checkRepoId, checkRevision } from './names.js';

export const DEFAULT_ENDPOINT = 'https://huggingface.co';
export const DEFAULT_REVISION = 'main';

export interface HubFileRef {
  repoId: string;
  revision: string;
  filename: string;
}

/** Validates the three names; every loader calls this before touching the network or disk. */
export function hubFileRef(repoId: string, filename: string, revision: string = DEFAULT_REVISION): HubFileRef {
  checkRepoId(repoId);
  checkRevision(revision);
  checkFilename(filename);
  return { repoId, revision, filename };
}

/** `{endpoint}/{repo}/resolve/{revision}/{file}`: the hub's download layout. */
export function resolveUrl(endpoint: string, ref: HubFileRef): string {
  const base = endpoint.replace(/\/+$/, '');
  const file = ref.filename.split('/').map(encodeURIComponent).join('/');
  return `${base}/${ref.repoId}/resolve/${encodeURIComponent(ref.revision)}/${file}`;
}

/**
 * The folder of a revision: the revision itself, with "/" written `%2F` (`refs/pr/1` →
 * `refs%2Fpr%2F1`). Revision names never hold "%" (checkRevision), so no two revisions share a
 * folder (`v1/b` and `v1--b` did when "/" became "--"), and revisions without "/" (`main`, tags,
 * commits) keep the folders earlier versions wrote.
 */
export function revisionFolder(revision: string): string {
  return revision.replaceAll('/', '%2F');
}

/** Path segments of a file inside a cache directory: `models--owner--name/snapshots/<revision folder>/<file>`. */
export function cacheSegments(ref: HubFileRef): string[] {
  return [`models--${ref.repoId.replaceAll('/', '--')}`, 'snapshots', revisionFolder(ref.revision), ...ref.filename.split('/')];
}

export function describeRef(ref: HubFileRef): string {
  return `${ref.repoId}@${ref.revision}/${ref.filename}`;
}
