// A graph cache that cannot be written (read-only disk, Deno without --allow-write) must not
// stop a load: the graph is built in memory, and one warning says so.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkpointDir, compareClose, loadManifest, readTensor } from '@convbert/test-fixtures';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { ConvBertModel } from '../src/index.js';

const dir = mkdtempSync(join(tmpdir(), 'convbert-unwritable-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('an unwritable graph cache', () => {
  it('loads from memory with the reference results and warns once', async () => {
    // A file where the cache folder should be: every mkdir / write under it fails (also as root).
    const cacheDir = join(dir, 'not-a-folder');
    writeFileSync(cacheDir, 'x');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const manifest = loadManifest('tiny');
      const c = manifest.cases.find((x) => x.name === 'pair_question_context')!;
      const golden = manifest.results.find((r) => r.head === 'base' && r.case === c.name && !r.kind)!;
      for (const dtype of ['fp32', 'fp16'] as const) {
        const model = await ConvBertModel.fromPretrained(checkpointDir('tiny', 'base'), { cacheDir, dtype });
        expect(model.info.cached).toBe(false);
        if (dtype === 'fp32') {
          const out = await model.forward({
            inputIds: readTensor('tiny', c.inputs.input_ids) as { data: BigInt64Array; dims: number[] },
            attentionMask: readTensor('tiny', c.inputs.attention_mask) as { data: BigInt64Array; dims: number[] },
            tokenTypeIds: readTensor('tiny', c.inputs.token_type_ids) as { data: BigInt64Array; dims: number[] },
          });
          const expected = readTensor('tiny', golden.outputs.last_hidden_state!).data as Float32Array;
          expect(compareClose(out.lastHiddenState.data, expected).ok).toBe(true);
        }
        await model.dispose();
      }
      const ours = warn.mock.calls.filter((args) => String(args[0]).includes('could not keep the built graph'));
      expect(ours).toHaveLength(1);
      expect(String(ours[0]![0])).toMatch(/--allow-write/);
    } finally {
      warn.mockRestore();
    }
  });
});
