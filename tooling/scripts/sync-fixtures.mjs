#!/usr/bin/env node
// Copies the reference fixtures the tests use from ../shared (produced by the Python
// reference) into ./fixtures, so that a clean clone tests without ../shared.
// Run it again when ../shared changes; it only copies, never generates.
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const shared = resolve(process.env.CONVBERT_SHARED ?? join(root, '..', 'shared'));

/** [source under shared/, destination under fixtures/] */
const COPIES = [
  ['fixtures/README.md', 'README.reference.md'],
  ['fixtures/models', 'models'],
  ['fixtures/tokenizer', 'tokenizer'],
  ['fixtures/vocab', 'vocab'],
  ['fixtures/text', 'text'],
  ['models/convbert-mini-sst2', 'demo/convbert-mini-sst2'],
  ['models/convbert-mini-mlm', 'demo/convbert-mini-mlm'],
];

if (!existsSync(shared)) {
  console.error(`sync-fixtures: ${shared} not found (set CONVBERT_SHARED to the shared folder)`);
  process.exit(1);
}
for (const [from, to] of COPIES) {
  const src = join(shared, from);
  const dest = join(root, 'fixtures', to);
  rmSync(dest, { recursive: true, force: true });
  mkdirSync(dirname(dest), { recursive: true });
  cpSync(src, dest, { recursive: true });
  console.log(`copied ${from} -> fixtures/${to}`);
}
