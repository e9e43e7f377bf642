// in-place (FusedMatMul transB over external data) vs embedded (MatMul over folded Transpose), same weights
import { join } from 'node:path';
import { OnnxruntimeNodeBackend } from '../dist/index.js';
import { writeMediumSmall } from './lib/checkpoints.mjs';
import { alternate, batchOf, maxAbsDiff, ours } from './lib/contenders.mjs';
const ms = writeMediumSmall('/tmp/loadbench/medium-small');
const inner = new OnnxruntimeNodeBackend({ intraOpNumThreads: 1 });
const embedding = { name: 'embedded', createSession: (m, o) => inner.createSession(m, o) };
for (const [dir, shapes] of [[ms, [[1, 16, 30], [1, 128, 12], [32, 128, 3]]], ['/tmp/loadbench/base', [[1, 128, 6], [32, 64, 2]]]]) {
  const c = [await ours('in place', dir, { intraOpNumThreads: 1 }), await ours('embedded', dir, { backend: embedding })];
  for (const [B, L, reps] of shapes) {
    const r = await alternate(c, batchOf(B, L), reps);
    console.log(dir.split('/').at(-1), B, L, r.map((x) => `${x.label} ${x.ms.toFixed(1)} ms`).join(' | '), 'diff', maxAbsDiff(r[0].output, r[1].output).toExponential(1));
  }
  for (const x of c) await x.dispose();
}
