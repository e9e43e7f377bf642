// `@convbert/core/download`: how the platform packages download a hub file (the redirect and token
// rule, the deadline and size bound, reading a body chunk by chunk). Kept out of `@convbert/core`
// so that a browser page loads it only when a file crosses the network: `@convbert/web` imports it
// on demand, and a model read from Cache Storage never does.
export { announcedLength, type BodyLike, type FetchHubBytesOptions, fetchHubBytes, type HubBodyResponse, readHubBody } from './hub/body.js';
export { DownloadLimits } from './hub/download-limits.js';
export { type HubFetchLike, type HubGetOptions, type HubResponseLike, hubGet } from './hub/hub-get.js';
