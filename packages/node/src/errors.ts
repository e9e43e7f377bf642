// Errors of `@convbert/node` itself; the shared ones (files, hub, options, inputs) are core's.
import { ConvBertError } from '@convbert/config';

/** The download cache's folder could not be made or written (read-only disk, Deno without --allow-write). */
export class CacheUnwritable extends ConvBertError<'CACHE_UNWRITABLE'> {
  constructor(cause: unknown) {
    super('CACHE_UNWRITABLE', `the download cache cannot be written: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'CacheUnwritable';
  }
}
