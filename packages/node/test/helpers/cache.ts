import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { HubError } from '@convbert/core';
import { expect } from 'vitest';

/** Every file under `dir`, recursively (what a download left in the cache). */
export function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
}

/** The HubError `p` rejects with (the test fails if it resolves or throws anything else). */
export async function refused(p: Promise<unknown>): Promise<HubError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(HubError);
    return err as HubError;
  }
  throw new Error('expected a HubError');
}
