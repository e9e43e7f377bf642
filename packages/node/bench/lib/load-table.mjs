// Loading the base shape, each load in a fresh process (lib/load-once.mjs): ours from
// model.safetensors without a graph cache, ours with a warm graph cache, transformers.js on the
// same weights' ONNX export. Loads alternate; medians of `runs`. Returns the table's lines.
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from './contenders.mjs';

function loadOnce(kind, dir, cacheDir) {
  const script = fileURLToPath(new URL('./load-once.mjs', import.meta.url));
  return JSON.parse(
    execFileSync(process.execPath, [script, kind, dir, cacheDir ?? ''], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .at(-1),
  );
}

export function loadTable(base, baseExport, cacheDir, runs = 3) {
  const weightsMB = statSync(join(base, 'model.safetensors')).size / 2 ** 20;
  loadOnce('ours-cached', base, cacheDir); // fills the cache
  const rows = { ours: [], 'ours-cached': [], 'transformers.js': [] };
  for (let i = 0; i < runs; i++) {
    rows.ours.push(loadOnce('ours', base));
    rows['ours-cached'].push(loadOnce('ours-cached', base, cacheDir));
    rows['transformers.js'].push(loadOnce('transformers.js', baseExport));
  }
  const tjs = median(rows['transformers.js'].map((r) => r.ms));
  const lines = [
    `\nbase, load to a ready session, each in a fresh process (model.safetensors ${weightsMB.toFixed(0)} MB), median of ${runs}`,
    '| load | ms | vs transformers.js | peak RSS MB | peak RSS / weights file |',
    '| --- | --- | --- | --- | --- |',
  ];
  for (const [label, r] of [
    ['ours, from model.safetensors, no graph cache', rows.ours],
    ['ours, graph cache warm', rows['ours-cached']],
    ['transformers.js, onnx/model.onnx', rows['transformers.js']],
  ]) {
    const ms = median(r.map((x) => x.ms));
    const rss = median(r.map((x) => x.peakRssMB));
    lines.push(`| ${label} | ${ms.toFixed(0)} | ${(tjs / ms).toFixed(2)}x | ${rss.toFixed(0)} | ${(rss / weightsMB).toFixed(2)} |`);
  }
  return lines.join('\n');
}
