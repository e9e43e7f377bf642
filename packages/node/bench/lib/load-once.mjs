// One model load in a fresh process (the bench spawns this): prints {"ms", "peakRssMB"}.
// argv: ours|ours-cached|transformers.js <folder> [graph cache dir]
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
console.log(JSON.stringify({ ms, peakRssMB: process.resourceUsage().maxRSS / 1024 }));
