#!/usr/bin/env node
// Every public package's `prepack` (run by `pnpm pack`, `pnpm publish` and so `changeset publish`,
// in the package's folder): build it, then refuse to pack when a file its manifest names is missing.
// Without this, a publish from a clean clone shipped no dist/ and exited 0.
//
// `tsc -b` builds the package and the packages it references, and is a no-op (about a second) when
// they are up to date, so `pnpm release` (which builds first) pays nothing for it.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { entryFiles } from './entries.mjs';

const dir = process.cwd();
const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
try {
  execFileSync(process.execPath, [tsc, '-b'], { cwd: dir, stdio: 'inherit' });
} catch {
  console.error(`prepack ${manifest.name}: the build (tsc -b) failed; nothing was packed`);
  process.exit(1);
}
const missing = entryFiles(manifest).filter((f) => !existsSync(join(dir, f)));
if (missing.length > 0) {
  console.error(`prepack ${manifest.name}: PACK_ENTRY_MISSING: the manifest names files the build did not make: ${missing.join(', ')}`);
  process.exit(1);
}
