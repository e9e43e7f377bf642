import type { BrowserContext } from 'playwright-core';

export interface RequestLog {
  /** Every URL the pages of the context asked for (workers included). */
  all: string[];
  /** Those that would have left the allowed origin (they are aborted, not sent). */
  external: string[];
}

/**
 * Records every request of a browser context and blocks any that does not go to `origin`
 * (`data:` and `blob:` URLs stay in the page and are allowed).
 */
export async function guardRequests(context: BrowserContext, origin: string): Promise<RequestLog> {
  const log: RequestLog = { all: [], external: [] };
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    log.all.push(url);
    if (url.startsWith(`${origin}/`) || url.startsWith('data:') || url.startsWith('blob:')) {
      await route.continue();
    } else {
      log.external.push(url);
      await route.abort('blockedbyclient');
    }
  });
  context.on('request', (req) => {
    const url = req.url();
    // Requests that bypass routing (service workers, some worker fetches) are still seen here.
    if (!log.all.includes(url)) log.all.push(url);
    if (!(url.startsWith(`${origin}/`) || url.startsWith('data:') || url.startsWith('blob:')) && !log.external.includes(url))
      log.external.push(url);
  });
  return log;
}
