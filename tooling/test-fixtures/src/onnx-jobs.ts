// Reference jobs for the tests: every torch-exported ONNX head of the fixtures on every case
// of its kind, with the Python reference's outputs (fixtures/models/<config>/golden).
import { type ConfigName, compareClose, fixturePath, loadManifest, readTensor } from './index.js';

export interface FeedJson {
  data: number[];
  dims: number[];
}

export interface OnnxJob {
  config: ConfigName;
  head: string;
  /** Path of the ONNX file relative to the fixtures folder. */
  onnx: string;
  case: string;
  feeds: Record<string, FeedJson>;
  outputs: string[];
}

export interface Expected {
  /** Output name → values (masked-lm: the reference's top-5 per position instead of full logits). */
  values: Record<string, { data: number[]; dims: number[] }>;
}

export const TOPK = 5;

/** `[..., V]` logits → top-5 values and ids per row (largest first), as torch.topk gives them. */
export function topK(data: ArrayLike<number>, vocab: number, k = TOPK): { values: number[]; ids: number[] } {
  const values: number[] = [];
  const ids: number[] = [];
  for (let row = 0; row * vocab < data.length; row++) {
    const best: [number, number][] = [];
    for (let j = 0; j < vocab; j++) {
      const v = data[row * vocab + j] as number;
      if (best.length < k || v > (best[best.length - 1] as [number, number])[0]) {
        best.push([v, j]);
        best.sort((a, b) => b[0] - a[0]);
        if (best.length > k) best.pop();
      }
    }
    for (const [v, j] of best) {
      values.push(v);
      ids.push(j);
    }
  }
  return { values, ids };
}

export function onnxJobs(config: ConfigName): { job: OnnxJob; expected: Expected }[] {
  const manifest = loadManifest(config);
  const out: { job: OnnxJob; expected: Expected }[] = [];
  for (const r of manifest.results) {
    if (r.kind === 'loss') continue;
    const head = manifest.heads[r.head];
    if (!head?.onnx || !head.onnx_outputs) continue;
    const c = manifest.cases.find((x) => x.name === r.case);
    if (!c) continue;
    const feeds: Record<string, FeedJson> = {};
    for (const [name, ref] of Object.entries(c.inputs)) {
      const t = readTensor(config, ref);
      feeds[name] = { data: Array.from(t.data as BigInt64Array, Number), dims: t.dims };
    }
    const values: Expected['values'] = {};
    for (const name of head.onnx_outputs) {
      if (r.head === 'masked-lm' && name === 'logits') {
        for (const n of ['logits_top5_values', 'logits_top5_ids']) {
          const t = readTensor(config, r.outputs[n]!);
          values[n] = { data: Array.from(t.data as ArrayLike<number | bigint>, Number), dims: t.dims };
        }
        continue;
      }
      const ref = r.outputs[name];
      if (!ref) throw new Error(`${config}/${r.head}/${r.case}: no golden ${name}`);
      const t = readTensor(config, ref);
      values[name] = { data: Array.from(t.data as Float32Array), dims: t.dims };
    }
    out.push({
      job: { config, head: r.head, onnx: `models/${config}/${head.onnx}`, case: r.case, feeds, outputs: head.onnx_outputs },
      expected: { values },
    });
  }
  return out;
}

export function onnxPath(job: OnnxJob): string {
  return fixturePath(job.onnx);
}

/**
 * Compares what a backend returned (masked-lm logits already reduced to top-5) with the
 * reference. Returns a list of failures (empty when everything agrees).
 */
export function checkJob(
  job: OnnxJob,
  expected: Expected,
  actual: Record<string, { data: number[]; dims: number[] }>,
  tolerance: { atol: number; rtol: number },
): { failures: string[]; maxAbs: number } {
  const { atol, rtol } = tolerance;
  const failures: string[] = [];
  let maxAbs = 0;
  for (const [name, want] of Object.entries(expected.values)) {
    const got = actual[name];
    const where = `${job.config}/${job.head}/${job.case}/${name}`;
    if (!got) {
      failures.push(`${where}: missing`);
      continue;
    }
    if (name.endsWith('_ids')) {
      // A rank may swap between two near-equal logits; only a swap the tolerance cannot explain fails.
      const vals = expected.values[name.replace(/_ids$/, '_values')]?.data ?? [];
      const tied = (i: number) =>
        [i - 1, i + 1].some((j) => j >= 0 && j < vals.length && Math.abs((vals[j] as number) - (vals[i] as number)) <= 2 * atol);
      const diff = got.data.findIndex((v, i) => v !== want.data[i] && !tied(i));
      if (diff >= 0 || got.data.length !== want.data.length) failures.push(`${where}: ids differ at ${diff}`);
      continue;
    }
    if (JSON.stringify(got.dims) !== JSON.stringify(want.dims)) {
      failures.push(`${where}: dims [${got.dims}] != [${want.dims}]`);
      continue;
    }
    const r = compareClose(got.data, want.data, atol, rtol);
    maxAbs = Math.max(maxAbs, r.maxAbs);
    if (!r.ok) failures.push(`${where}: max |diff| ${r.maxAbs.toExponential(2)} > ${atol} + ${rtol}·|x| (at ${r.worstIndex})`);
  }
  return { failures, maxAbs };
}

/** A case's tokenizer call (the texts) as the manifest records it. */
export function caseCall(config: ConfigName, name: string): { text: string | string[]; text_pair?: string | string[] } {
  const c = loadManifest(config).cases.find((x) => x.name === name);
  if (!c) throw new Error(`no case ${name}`);
  return (c as unknown as { tokenizer_call: { text: string; text_pair?: string } }).tokenizer_call;
}

/** The case's input ids (flat) and dims. */
export function caseIds(config: ConfigName, name: string): { data: number[]; dims: number[] } {
  const c = loadManifest(config).cases.find((x) => x.name === name)!;
  const t = readTensor(config, c.inputs.input_ids);
  return { data: Array.from(t.data as BigInt64Array, Number), dims: t.dims };
}

/** The reference outputs of one head on one case, as plain arrays. */
export function goldenOutputs(config: ConfigName, head: string, name: string): Record<string, { data: number[]; dims: number[] }> {
  const r = loadManifest(config).results.find((x) => x.head === head && x.case === name && x.kind !== 'loss');
  if (!r) throw new Error(`no result ${head}/${name}`);
  return Object.fromEntries(
    Object.entries(r.outputs).map(([k, ref]) => {
      const t = readTensor(config, ref);
      return [k, { data: Array.from(t.data as ArrayLike<number | bigint>, Number), dims: t.dims }];
    }),
  );
}
