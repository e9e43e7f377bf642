// Only the loading table of encoder.bench.mjs (the base shape, random weights from a fixed seed;
// transformers.js loads our `convbert convert --dtype fp32` export of the same weights).
// Run: node bench/load.bench.mjs   (LOAD_RUNS=n loads per contender, default 3)
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TOKENIZER_FILES, writeBase } from './lib/checkpoints.mjs';
import { loadTable } from './lib/load-table.mjs';

const work = mkdtempSync(join(tmpdir(), 'convbert-load-bench-'));
try {
  const base = writeBase(join(work, 'base'));
  const exportRoot = join(work, 'export');
  const baseExport = join(exportRoot, 'base');
  mkdirSync(exportRoot, { recursive: true });
  const cli = fileURLToPath(new URL('../dist/bin/convbert.js', import.meta.url));
  execFileSync(process.execPath, [cli, 'convert', base, baseExport, '--dtype', 'fp32'], { stdio: 'ignore' });
  for (const f of TOKENIZER_FILES) copyFileSync(join(base, f), join(baseExport, f));
  console.log(loadTable(base, baseExport, join(work, 'graph-cache'), Number(process.env.LOAD_RUNS ?? 3)));
} finally {
  rmSync(work, { recursive: true, force: true });
}
