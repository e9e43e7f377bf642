// One model load in a fresh process (the bench spawns this): prints {"ms", "peakRssMB"}.
// argv: ours|ours-cached|transformers.js <folder> [graph cache dir]
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

const [kind, dir, cacheDir] = process.argv.slice(2);
const t0 = performance.now();
if (kind === 'transformers.js') {
  const { AutoModel, env } = await import('@huggingface/transformers');
  const { basename, dirname } = await import('node:path');
  env.allowRemoteModels = false;
  env.localModelPath = dirname(dir);
  const model = await AutoModel.from_pretrained(basename(dir), { dtype: 'fp32', session_options: { intraOpNumThreads: 1 } });
  await model.dispose();
} else {
  const { ConvBertModel, FileGraphCache } = await import('../../dist/index.js');
  const graphCache = kind === 'ours-cached' ? new FileGraphCache(cacheDir) : false;
  const model = await ConvBertModel.fromPretrained(dir, { graphCache, intraOpNumThreads: 1, format: 'checkpoint' });
  await model.dispose();
}
const ms = performance.now() - t0;
console.log(JSON.stringify({ ms, peakRssMB: peakRssMB() }));

// This process's own peak. On Linux, getrusage's maxRSS carries over fork + exec: a child of the
// bench (which holds the checkpoint it just wrote) would report at least the bench's RSS. VmHWM
// is the high-water mark of this process's own memory.
function peakRssMB() {
  try {
    const hwm = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (hwm) return Number(hwm[1]) / 1024;
  } catch {}
  return process.resourceUsage().maxRSS / 1024;
}
