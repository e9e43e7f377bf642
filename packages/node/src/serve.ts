import type { ConvBertServer, ServeOptions } from './serve/server.js';

/**
 * Starts `convbert serve` in this process (see `ServeOptions`). The HTTP stack (fastify,
 * prom-client) loads on the first call, so importing the package for pipelines stays light.
 */
export async function serve(options: ServeOptions = {}): Promise<ConvBertServer> {
  const { serve: start } = await import('./serve/server.js');
  return start(options);
}
