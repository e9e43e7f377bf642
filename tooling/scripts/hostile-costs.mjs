// Prints the costs the hostile-input tests recorded (see tooling/test-fixtures/src/isolated.ts):
//
//   CONVBERT_HOSTILE_COSTS=/tmp/costs.jsonl [CONVBERT_HOSTILE_LIMITS=relaxed] pnpm test
//   node tooling/scripts/hostile-costs.mjs /tmp/costs.jsonl
import { readFileSync } from 'node:fs';

const file = process.argv[2];
if (!file) {
  console.error('usage: node tooling/scripts/hostile-costs.mjs <costs.jsonl>');
  process.exit(2);
}
const rows = readFileSync(file, 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l));
console.log('| attack | time | peak RSS | result |');
console.log('|---|---:|---:|---|');
for (const r of rows) console.log(`| ${r.label} | ${(r.ms / 1000).toFixed(2)} s | ${r.peakRssMb} MiB | ${r.result} |`);
