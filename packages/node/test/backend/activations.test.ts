import { SUPPORTED_ACTIVATIONS } from '@convbert/config';
import { activation, GraphBuilder } from '@convbert/core/graph';
import { describe, expect, it } from 'vitest';
import { OnnxruntimeNodeBackend } from '../../src/index.js';

// torch's definitions (transformers 4.36 ACT2FN), evaluated in float64.
const erf = (x: number): number => {
  // Abramowitz-Stegun 7.1.26 is too coarse; use the series / continued fraction via Math functions.
  const t = 1 / (1 + 0.5 * Math.abs(x));
  const y =
    1 -
    t *
      Math.exp(
        -x * x -
          1.26551223 +
          t *
            (1.00002368 +
              t *
                (0.37409196 +
                  t *
                    (0.09678418 +
                      t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
      );
  return x >= 0 ? y : -y;
};
const gelu = (x: number) => 0.5 * x * (1 + erf(x / Math.SQRT2));
const tanhGelu = (x: number) => 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x ** 3)));
const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
const REFERENCE: Record<string, (x: number) => number> = {
  gelu,
  gelu_python: gelu,
  gelu_10: (x) => Math.min(10, Math.max(-10, gelu(x))),
  gelu_new: tanhGelu,
  gelu_fast: tanhGelu,
  gelu_pytorch_tanh: tanhGelu,
  gelu_accurate: tanhGelu,
  quick_gelu: (x) => x * sigmoid(1.702 * x),
  // biome-ignore lint/suspicious/noApproximativeNumericConstant: the reference's literal mu
  laplace: (x) => 0.5 * (1 + erf((x - 0.707107) / (0.282095 * Math.SQRT2))),
  relu: (x) => Math.max(0, x),
  relu2: (x) => Math.max(0, x) ** 2,
  relu6: (x) => Math.min(6, Math.max(0, x)),
  leaky_relu: (x) => (x >= 0 ? x : 0.01 * x),
  sigmoid,
  silu: (x) => x * sigmoid(x),
  swish: (x) => x * sigmoid(x),
  tanh: Math.tanh,
  mish: (x) => x * Math.tanh(Math.log1p(Math.exp(x))),
  linear: (x) => x,
};

describe('activation(): every SUPPORTED_ACTIVATIONS entry matches its torch formula', async () => {
  const g = new GraphBuilder();
  const x = g.input('x', 'float32', ['n']);
  for (const name of SUPPORTED_ACTIVATIONS) g.output(name, activation(g, x, name), 'float32', ['n']);
  const session = await new OnnxruntimeNodeBackend().createSession(g.toBytes());
  const xs = Float32Array.from({ length: 161 }, (_, i) => -12 + i * 0.15);
  const out = await session.run({ x: { data: xs, dims: [xs.length] } });

  for (const name of SUPPORTED_ACTIVATIONS) {
    it(name, () => {
      const f = REFERENCE[name];
      expect(f, `no reference formula for ${name}`).toBeDefined();
      const y = out[name]?.data as Float32Array;
      for (let i = 0; i < xs.length; i++) {
        const want = (f as (v: number) => number)(xs[i] as number);
        expect(Math.abs((y[i] as number) - want), `${name}(${xs[i]})`).toBeLessThanOrEqual(2e-6 + 2e-6 * Math.abs(want));
      }
    });
  }
});
