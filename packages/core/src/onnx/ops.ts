import type { HiddenAct } from '@convbert/config';
import { CoreError } from '../errors.js';
import type { GraphBuilder } from './builder.js';
import type { GraphParams } from './params.js';

/**
 * `torch.nn.Linear` on the last axis: `x · Wᵀ + b` with the checkpoint's `${prefix}.weight`
 * `[out, in]` and `${prefix}.bias` `[out]` (omit the bias with `bias: false`).
 */
export function linear(
  p: GraphParams,
  x: string,
  prefix: string,
  inFeatures: number,
  outFeatures: number,
  options: { bias?: boolean } = {},
): string {
  const y = p.linearProduct(x, `${prefix}.weight`, outFeatures, inFeatures);
  if (options.bias === false) return y;
  return p.g.op('Add', [y, p.vector(`${prefix}.bias`, [outFeatures])]);
}

/**
 * Several `linear` layers over the same input as one MatMul + one Add, split back into their
 * outputs: one large product instead of several small ones (what pays at batch 1).
 */
export function linears(
  p: GraphParams,
  x: string,
  prefixes: readonly string[],
  inFeatures: number,
  outFeatures: readonly number[],
): string[] {
  const b = p.concatVectors(
    prefixes.map((n) => `${n}.bias`),
    outFeatures,
  );
  const product = p.linearsProduct(
    x,
    prefixes.map((n) => `${n}.weight`),
    outFeatures,
    inFeatures,
  );
  const y = p.g.op('Add', [product, b]);
  return p.g.node('Split', [y, p.g.int64(outFeatures)], { attrs: { axis: -1 }, outputs: outFeatures.length });
}

/**
 * The reference's `GroupedLinearLayer`: weight `[groups, in/groups, out/groups]`, bias `[out]`;
 * each group of the input features is multiplied by its own block. `groups === 1` is `linear`.
 */
export function groupedLinear(p: GraphParams, x: string, prefix: string, inFeatures: number, outFeatures: number, groups: number): string {
  if (groups === 1) return linear(p, x, prefix, inFeatures, outFeatures);
  const gi = inFeatures / groups;
  const go = outFeatures / groups;
  const g = p.g;
  // [B, L, in] -> [B, L, groups, 1, in/g] · [groups, in/g, out/g] -> [B, L, groups, 1, out/g]
  const xs = g.op('Reshape', [x, g.int64([0, 0, groups, 1, gi])]);
  const y = g.op('Reshape', [p.tensorProduct(xs, `${prefix}.weight`, [groups, gi, go]), g.int64([0, 0, outFeatures])]);
  return g.op('Add', [y, p.vector(`${prefix}.bias`, [outFeatures])]);
}

/** `torch.nn.LayerNorm` over the last axis with `${prefix}.weight` / `${prefix}.bias`. */
export function layerNorm(p: GraphParams, x: string, prefix: string, size: number, eps: number): string {
  return p.g.op('LayerNormalization', [x, p.vector(`${prefix}.weight`, [size]), p.vector(`${prefix}.bias`, [size])], {
    axis: -1,
    epsilon: { float: eps },
  });
}

function erfGelu(g: GraphBuilder, x: string): string {
  const erf = g.op('Erf', [g.op('Div', [x, g.float([Math.SQRT2])])]);
  return g.op('Mul', [g.op('Mul', [x, g.float([0.5])]), g.op('Add', [erf, g.float([1])])]);
}

function tanhGelu(g: GraphBuilder, x: string): string {
  const cube = g.op('Mul', [g.op('Mul', [x, x]), x]);
  const inner = g.op('Mul', [g.op('Add', [x, g.op('Mul', [cube, g.float([0.044715])])]), g.float([Math.sqrt(2 / Math.PI)])]);
  return g.op('Mul', [g.op('Mul', [x, g.float([0.5])]), g.op('Add', [g.op('Tanh', [inner]), g.float([1])])]);
}

/**
 * `ACT2FN[name]` of transformers 4.36 as graph nodes: `gelu` is the exact (erf) form, the
 * `gelu_new` family the tanh approximation, `gelu_10` gelu clipped to [-10, 10].
 */
export function activation(g: GraphBuilder, x: string, name: HiddenAct): string {
  switch (name) {
    case 'gelu':
    case 'gelu_python':
      return erfGelu(g, x);
    case 'gelu_10':
      return g.op('Clip', [erfGelu(g, x), g.float([-10]), g.float([10])]);
    case 'gelu_new':
    case 'gelu_fast':
    case 'gelu_pytorch_tanh':
    case 'gelu_accurate':
      return tanhGelu(g, x);
    case 'quick_gelu':
      return g.op('Mul', [x, g.op('Sigmoid', [g.op('Mul', [x, g.float([1.702])])])]);
    case 'laplace': {
      // LaplaceActivation(mu=0.707107, sigma=0.282095): 0.5 * (1 + erf((x - mu) / (sigma * sqrt 2)))
      // biome-ignore lint/suspicious/noApproximativeNumericConstant: the reference's literal mu, not 1/sqrt(2)
      const z = g.op('Div', [g.op('Sub', [x, g.float([0.707107])]), g.float([0.282095 * Math.SQRT2])]);
      return g.op('Mul', [g.op('Add', [g.op('Erf', [z]), g.float([1])]), g.float([0.5])]);
    }
    case 'relu':
      return g.op('Relu', [x]);
    case 'relu2': {
      const r = g.op('Relu', [x]);
      return g.op('Mul', [r, r]);
    }
    case 'relu6':
      return g.op('Clip', [x, g.float([0]), g.float([6])]);
    case 'leaky_relu':
      return g.op('LeakyRelu', [x], { alpha: 0.01 });
    case 'sigmoid':
      return g.op('Sigmoid', [x]);
    case 'silu':
    case 'swish':
      return g.op('Mul', [x, g.op('Sigmoid', [x])]);
    case 'tanh':
      return g.op('Tanh', [x]);
    case 'mish':
      return g.op('Mul', [x, g.op('Tanh', [g.op('Softplus', [x])])]);
    case 'linear':
      return g.op('Identity', [x]);
    default:
      throw new CoreError('GRAPH_INVALID', `activation "${String(name)}" has no graph definition`);
  }
}
