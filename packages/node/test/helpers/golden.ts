import { type ConfigName, compareClose, type GoldenManifest, loadManifest, readTensor } from '@convbert/test-fixtures';

export type Golden = ReturnType<typeof goldenBase>;

/** The `base` head's golden cases (2-D only) with their inputs and expected outputs. */
export function goldenBase(config: ConfigName) {
  const m: GoldenManifest = loadManifest(config);
  return m.cases
    .filter((c) => c.kind === '2d')
    .map((c) => {
      const result = m.results.find((r) => r.head === 'base' && r.case === c.name && r.kind !== 'loss');
      if (!result) throw new Error(`no base result for ${c.name}`);
      const input = (k: 'input_ids' | 'attention_mask' | 'token_type_ids') => {
        const t = readTensor(config, c.inputs[k]);
        return { data: t.data as BigInt64Array, dims: t.dims };
      };
      const outputs = Object.fromEntries(
        Object.entries(result.outputs).map(([k, ref]) => [k, readTensor(config, ref).data as Float32Array]),
      );
      return {
        name: c.name,
        inputs: { inputIds: input('input_ids'), attentionMask: input('attention_mask'), tokenTypeIds: input('token_type_ids') },
        outputs,
      };
    });
}

export function maxAbs(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  const r = compareClose(actual, expected, 1e-4, 0);
  return r.maxAbs;
}
