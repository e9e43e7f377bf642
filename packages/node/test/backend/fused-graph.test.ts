// The encoder's fused blocks (default) and the blocks as the reference writes them
// (`REFERENCE_BLOCKS`) must both match the reference outputs; the fused graph must really be the fused one.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfig } from '@convbert/config';
import { readSafetensors, utf8Decode } from '@convbert/core';
import { buildConvBertEncoder, FUSED_BLOCKS, REFERENCE_BLOCKS } from '@convbert/core/graph';
import { CONFIG_NAMES, checkpointDir } from '@convbert/test-fixtures';
import { describe, expect, it } from 'vitest';
import { OnnxruntimeNodeBackend } from '../../src/index.js';
import { goldenBase, maxAbs } from '../helpers/golden.js';

for (const name of CONFIG_NAMES) {
  const dir = checkpointDir(name, 'base');
  const config = parseConfig(readFileSync(join(dir, 'config.json'), 'utf8'));
  const weights = readSafetensors(new Uint8Array(readFileSync(join(dir, 'model.safetensors'))));

  describe(`${name}: fused and reference-shaped encoder graphs`, () => {
    it.each([true, false])('fused=%s: every base case within 1e-4 of the golden last_hidden_state', async (fused) => {
      const session = await new OnnxruntimeNodeBackend().createSession(
        buildConvBertEncoder(config, weights, { blocks: fused ? FUSED_BLOCKS : REFERENCE_BLOCKS }),
      );
      for (const c of goldenBase(name)) {
        const out = await session.run(
          { input_ids: c.inputs.inputIds, attention_mask: c.inputs.attentionMask, token_type_ids: c.inputs.tokenTypeIds },
          ['last_hidden_state'],
        );
        expect(
          maxAbs(out.last_hidden_state?.data as Float32Array, c.outputs.last_hidden_state as Float32Array),
          c.name,
        ).toBeLessThanOrEqual(1e-4);
      }
      await session.release();
    });

    it('the fused graph computes query/key/value/conv_out as one product per layer', () => {
      // a NodeProto op_type is field 4 (tag 0x22): count the Split nodes that cut a joint product apart
      const splits = (fused: boolean) =>
        utf8Decode(buildConvBertEncoder(config, weights, { blocks: fused ? FUSED_BLOCKS : REFERENCE_BLOCKS })).split('\x22\x05Split')
          .length - 1;
      expect(splits(true)).toBeGreaterThanOrEqual(config.num_hidden_layers);
      expect(splits(false)).toBe(0);
    });
  });
}
