import { activation, layerNorm } from '../onnx/ops.js';
import type { EncoderContext } from './context.js';

/**
 * `feedForward` for `num_groups > 1` with each group as its own pair of plain 2-D products: the
 * hidden features are split into G slices, each goes up, through the activation and back down
 * with its group's `[H/G, I/G]` and `[I/G, H/G]` blocks, and the slices are concatenated.
 * The reference graph's broadcast MatMul (`[B, L, G, 1, H/G]` · `[G, H/G, I/G]`) makes B·L·G
 * one-row products, half the encoder's time at batch 1; 2-D weights are also what ONNX Runtime
 * pre-packs (and what its int8 `DynamicQuantizeMatMul` runs fastest).
 */
export function feedForwardGrouped(ctx: EncoderContext, x: string, layerPrefix: string): string {
  const { g, p, config: c } = ctx;
  const H = c.hidden_size;
  const I = c.intermediate_size;
  const G = c.num_groups;
  const up = `${layerPrefix}.intermediate.dense`;
  const down = `${layerPrefix}.output.dense`;
  const upW = p.weights.float32(`${up}.weight`, [G, H / G, I / G]);
  const downW = p.weights.float32(`${down}.weight`, [G, I / G, H / G]);
  const upB = p.weights.float32(`${up}.bias`, [I]);
  const downB = p.weights.float32(`${down}.bias`, [H]);
  const slices = g.node('Split', [x, g.int64(Array(G).fill(H / G))], { attrs: { axis: -1 }, outputs: G });
  const outs = slices.map((slice, i) => {
    const part = (name: string, w: Float32Array, b: Float32Array, rows: number, cols: number) => ({
      weight: p.matrix(`${name}.weight.group${i}`, w.subarray(i * rows * cols, (i + 1) * rows * cols), [rows, cols]),
      bias: g.initializer(`${name}.bias.group${i}`, { dtype: 'float32', dims: [cols], data: b.slice(i * cols, (i + 1) * cols) }),
    });
    const u = part(up, upW, upB, H / G, I / G);
    const d = part(down, downW, downB, I / G, H / G);
    const inner = activation(g, g.op('Add', [p.product(slice, u.weight), u.bias]), c.hidden_act);
    return g.op('Add', [p.product(inner, d.weight), d.bias]);
  });
  const merged = g.op('Concat', outs, { axis: -1 });
  return layerNorm(p, g.op('Add', [merged, x]), `${layerPrefix}.output.LayerNorm`, H, c.layer_norm_eps);
}
