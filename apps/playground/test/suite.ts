// One harness per test file: started before its tests, closed after them. A missing Chromium (or a
// failed build) must fail every test, not skip it: the error is kept and thrown before each test,
// so reports count them as failures.
import type { Harness } from '@convbert/browser-testing';
import { afterAll, beforeAll, beforeEach } from 'vitest';

export function useHarness(start: () => Promise<Harness>, then?: (hx: Harness) => Promise<void>): { readonly hx: Harness } {
  let hx: Harness | undefined;
  let setupError: unknown;
  beforeAll(async () => {
    try {
      hx = await start();
      await then?.(hx);
    } catch (err) {
      setupError = err;
    }
  });
  beforeEach(() => {
    if (setupError) throw setupError;
  });
  afterAll(async () => {
    await hx?.close();
  });
  return {
    get hx() {
      return hx as Harness;
    },
  };
}

/** A tiny checkpoint of the fixtures, as the playground's folder-URL model. */
export const tinyFolder = (head: string) => ({ kind: 'url' as const, url: `/__fixtures__/models/tiny/checkpoint/${head}/` });
