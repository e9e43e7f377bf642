import { performance } from 'node:perf_hooks';
import { ConvBertModel } from '../../platform.js';
import { type CommonFlags, loadOptionsFrom } from '../run-task.js';

export interface BenchFlags extends CommonFlags {
  batch: number;
  seq: number;
  runs: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/**
 * Latency and throughput of the encoder on random token ids ([CLS] ... [SEP] framing, no
 * padding), after warm-up runs. The encoder is where the time goes; heads add one small matmul.
 */
export async function runBench(model: string, flags: BenchFlags): Promise<void> {
  const { batch, seq, runs } = flags;
  const load = loadOptionsFrom(flags);
  const t0 = performance.now();
  const m = await ConvBertModel.fromPretrained(model, load);
  const loadMs = performance.now() - t0;
  try {
    const config = m.config;
    const vocab = config?.vocab_size ?? 30522;
    const maxLen = config?.max_position_embeddings ?? 512;
    if (seq > maxLen) throw new RangeError(`--seq ${seq} is longer than the model's ${maxLen} positions`);
    const ids = new BigInt64Array(batch * seq);
    let state = 12345;
    for (let i = 0; i < ids.length; i++) {
      state = (state * 1103515245 + 12345) & 0x7fffffff;
      const pos = i % seq;
      ids[i] = BigInt(pos === 0 ? 101 : pos === seq - 1 ? 102 : 1000 + (state % (vocab - 1000)));
    }
    const inputs = { inputIds: { data: ids, dims: [batch, seq] } };
    for (let i = 0; i < 3; i++) await m.forward(inputs);
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const s = performance.now();
      await m.forward(inputs);
      times.push(performance.now() - s);
    }
    times.sort((a, b) => a - b);
    const mean = times.reduce((a, b) => a + b, 0) / times.length;
    const rows = [
      [
        'model',
        m.info.kind === 'built'
          ? `${model} (built from ${m.info.file}, ${m.info.dtype}${m.info.cached ? ', cached graph' : ''})`
          : `${model} (${m.info.file})`,
      ],
      ['device', load.device ?? 'cpu'],
      ['load', `${loadMs.toFixed(0)} ms`],
      ['input', `batch ${batch} × ${seq} tokens, ${runs} runs after 3 warm-up`],
      ['latency', `mean ${mean.toFixed(2)} ms, p50 ${percentile(times, 50).toFixed(2)} ms, p90 ${percentile(times, 90).toFixed(2)} ms`],
      ['throughput', `${((batch * 1000) / mean).toFixed(1)} sequences/s, ${((batch * seq * 1000) / mean).toFixed(0)} tokens/s`],
    ];
    process.stdout.write(`${rows.map(([k, v]) => `${k.padEnd(11)}${v}`).join('\n')}\n`);
  } finally {
    await m.dispose();
  }
}
