// Test-only: Chromium through playwright-core, a COOP/COEP static server, and a request guard.
export { CHROMIUM_ARGS, findChromium, INSTALL_HINT, launchChromium, requireChromium } from './chromium.js';
export { ARTIFACTS, type FreshOptions, type FreshPage, type Harness, type HubRepos, startHarness } from './playground.js';
export { guardRequests, type RequestLog } from './requests.js';
export { type Handler, ISOLATION_HEADERS, type StaticServer, type StaticServerOptions, serveStatic } from './server.js';
