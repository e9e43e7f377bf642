import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

/** Streams the file through sha256 so that large weights never sit in memory twice. */
export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
