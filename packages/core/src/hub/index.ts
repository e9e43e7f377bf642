export { checkSha256 } from './checksum.js';
export { HubError, type HubErrorCode } from './errors.js';
export { announcedSha256 } from './etag.js';
export { hubHttpError } from './http-error.js';
export { type AbortControllerLike, type IdleTimer, idleTimer } from './idle-timer.js';
export { cacheSegments, DEFAULT_ENDPOINT, DEFAULT_REVISION, describeRef, type HubFileRef, hubFileRef, resolveUrl } from './layout.js';
export { checkDownloadLimits, DEFAULT_MAX_BYTES, type DownloadLimitOptions } from './limits.js';
export { checkFilename, checkRepoId, checkRevision } from './names.js';
export { describeNetworkFailure, hubNetworkError } from './network-error.js';
