#!/usr/bin/env node
// The Worker's deployable size: bundles it as `wrangler deploy` would (--dry-run, nothing is
// uploaded) and prints each module's raw and gzipped size against Cloudflare's limits.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const out = mkdtempSync(join(tmpdir(), 'convbert-worker-'));
try {
  execFileSync('npx', ['wrangler', 'deploy', '--dry-run', '--outdir', out], {
    stdio: 'ignore',
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
  });
  let raw = 0;
  let gz = 0;
  const kib = (n) => `${(n / 1024).toFixed(0)} KiB`;
  for (const name of readdirSync(out).filter((f) => !f.endsWith('.map') && f !== 'README.md')) {
    const bytes = readFileSync(join(out, name));
    const z = gzipSync(bytes, { level: 9 }).byteLength;
    raw += bytes.byteLength;
    gz += z;
    console.log(`${name.replace(/^[0-9a-f]{40}-/, '').padEnd(34)} ${kib(bytes.byteLength).padStart(10)} ${kib(z).padStart(10)} gzipped`);
  }
  const mib = (n) => (n / 1024 / 1024).toFixed(2);
  console.log(`total: ${mib(raw)} MiB, ${mib(gz)} MiB gzipped (Cloudflare: 3 MiB free plan, 10 MiB paid, after compression)`);
} finally {
  rmSync(out, { recursive: true, force: true });
}
