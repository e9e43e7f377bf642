import { activation, layerNorm } from '../onnx/ops.js';
import type { EncoderContext } from './context.js';

/**
 * `feedForward` for `num_groups > 1` laid out group-major, as the reference's
 * `GroupedLinearLayer` does (`permute(1, 0, 2)`): `[B, L, H]` becomes `[G, B·L, H/G]` once, both
 * grouped layers and the activation run there as G plain matrix products, and the result is
 * laid back once. Computing each token's groups as its own `[1, H/G]` product (the reference
 * graph's broadcast MatMul) makes B·L·G tiny products, half the encoder's time at batch 1.
 */
export function feedForwardGrouped(ctx: EncoderContext, x: string, layerPrefix: string): string {
  const { g, p, config: c } = ctx;
  const H = c.hidden_size;
  const I = c.intermediate_size;
  const G = c.num_groups;
  const up = `${layerPrefix}.intermediate.dense`;
  const down = `${layerPrefix}.output.dense`;
  const groups = g.op('Transpose', [g.op('Reshape', [x, g.int64([-1, G, H / G])])], { perm: [1, 0, 2] }); // [G, BL, H/G]
  const inner = g.op('MatMul', [groups, p.tensor(`${up}.weight`, [G, H / G, I / G], 2)]); // [G, BL, I/G]
  const act = activation(g, g.op('Add', [inner, p.vector(`${up}.bias`, [I], [G, 1, I / G])]), c.hidden_act);
  const outer = g.op('Add', [
    g.op('MatMul', [act, p.tensor(`${down}.weight`, [G, I / G, H / G], 2)]),
    p.vector(`${down}.bias`, [H], [G, 1, H / G]),
  ]);
  const back = g.op('Reshape', [g.op('Transpose', [outer], { perm: [1, 0, 2] }), g.op('Shape', [x])]); // [B, L, H]
  return layerNorm(p, g.op('Add', [back, x]), `${layerPrefix}.output.LayerNorm`, H, c.layer_norm_eps);
}
