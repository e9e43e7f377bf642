import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** `CHROMIUM_PATH`, else the first of Debian's / Chrome's usual paths that exists. */
export function findChromium(): string | undefined {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : undefined;
  return CANDIDATES.find((p) => existsSync(p));
}

export const INSTALL_HINT =
  "The browser tests drive Debian's Chromium: install it with `apt-get install -y chromium` (tooling/scripts/setup.sh does it when run as root), or set CHROMIUM_PATH to a Chromium/Chrome binary. `npx playwright install` is not needed.";

/** The Chromium binary; throws (the tests must fail, not skip) with how to install it. */
export function requireChromium(): string {
  const path = findChromium();
  if (path === undefined) {
    const why = process.env.CHROMIUM_PATH
      ? `CHROMIUM_PATH=${process.env.CHROMIUM_PATH} does not exist`
      : `no Chromium at ${CANDIDATES.join(', ')}`;
    throw new Error(`${why}. ${INSTALL_HINT}`);
  }
  return path;
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  // WebGPU on SwiftShader (no GPU needed) for headless runs.
  '--enable-unsafe-webgpu',
];

export async function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: requireChromium(), headless: true, args: [...CHROMIUM_ARGS, ...extraArgs] });
}
