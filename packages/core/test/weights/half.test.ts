import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { floatsToHalf, floatToHalf, halfToFloat } from '../../src/index.js';

describe('float16 conversion', () => {
  it('known values, rounding to nearest even, overflow, subnormals', () => {
    expect(floatToHalf(1)).toBe(0x3c00);
    expect(floatToHalf(-2)).toBe(0xc000);
    expect(floatToHalf(65504)).toBe(0x7bff);
    expect(floatToHalf(1e6)).toBe(0x7c00);
    expect(floatToHalf(2 ** -24)).toBe(0x0001);
    expect(floatToHalf(1 + 2 ** -11)).toBe(0x3c00); // tie -> even
    expect(floatToHalf(1 + 3 * 2 ** -11)).toBe(0x3c02);
    expect(halfToFloat(0x3555)).toBeCloseTo(0.33325, 5);
    expect(Number.isNaN(halfToFloat(floatToHalf(Number.NaN)))).toBe(true);
  });

  it('the batched path equals the per-value path, and round trips are nearest', () => {
    fc.assert(
      fc.property(fc.float32Array({ maxLength: 64 }), (xs) => {
        const h = floatsToHalf(xs);
        xs.forEach((x, i) => {
          expect(h[i]).toBe(floatToHalf(x));
          if (Number.isFinite(x) && Math.abs(x) < 65504) {
            const back = halfToFloat(h[i] as number);
            const ulp = Math.abs(x) < 2 ** -14 ? 2 ** -24 : 2 ** (Math.floor(Math.log2(Math.abs(x))) - 10);
            expect(Math.abs(back - x)).toBeLessThanOrEqual(ulp / 2 + 1e-30);
          }
        });
      }),
      { numRuns: 200 },
    );
  });
});
