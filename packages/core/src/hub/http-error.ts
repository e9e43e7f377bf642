import { HubError } from './errors.js';
import { describeRef, type HubFileRef } from './layout.js';

/**
 * The error for a hub answer that is not a file: what the status means for the user, and
 * what to do. `tokenHint` says where this platform takes a token from.
 */
export function hubHttpError(status: number, ref: HubFileRef, hasToken: boolean, tokenHint = 'option token'): HubError {
  const file = describeRef(ref);
  if (status === 404) return new HubError('HUB_NOT_FOUND', 'not found on the hub (check the repo id, revision and file name)', file);
  if (status === 401 || status === 403) {
    return new HubError(
      'HUB_UNAUTHORIZED',
      hasToken
        ? `refused (HTTP ${status}): the token has no access to this repo`
        : `refused (HTTP ${status}): a private or gated repo needs a token (${tokenHint})`,
      file,
    );
  }
  return new HubError('HUB_HTTP', `the hub answered HTTP ${status}`, file);
}
