import { activation, groupedLinear, layerNorm } from '../onnx/ops.js';
import type { EncoderContext } from './context.js';

/**
 * `ConvBertIntermediate` + `ConvBertOutput`: hidden -> intermediate (grouped when
 * `num_groups > 1`), `hidden_act`, back to hidden (grouped too), residual, LayerNorm.
 */
export function feedForward(ctx: EncoderContext, x: string, layerPrefix: string): string {
  const { g, p, config: c } = ctx;
  const H = c.hidden_size;
  const I = c.intermediate_size;
  const up = groupedLinear(p, x, `${layerPrefix}.intermediate.dense`, H, I, c.num_groups);
  const act = activation(g, up, c.hidden_act);
  const down = groupedLinear(p, act, `${layerPrefix}.output.dense`, I, H, c.num_groups);
  return layerNorm(p, g.op('Add', [down, x]), `${layerPrefix}.output.LayerNorm`, H, c.layer_norm_eps);
}
