// A graph or download cache that cannot be written (read-only disk, Deno without --allow-write)
// must not stop a load: the graph is built, the files downloaded, in memory, with one warning.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HubError } from '@convbert/core';
import { checkpointDir, compareClose, fixturePath, loadManifest, readTensor } from '@convbert/test-fixtures';
import { startHubServer } from '@convbert/test-fixtures/hub-server';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { ConvBertModel, pipeline } from '../../src/index.js';

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

describe('an unwritable download cache', () => {
  it('downloads into memory, still checks sha256, and gives the reference prediction', async () => {
    const cacheDir = join(dir, 'not-a-folder-either');
    writeFileSync(cacheDir, 'x');
    const golden = JSON.parse(readFileSync(fixturePath('models', 'tiny', 'golden', 'pipelines.json'), 'utf8')).cases.find(
      (c: { task: string; kwargs: object }) => c.task === 'text-classification' && Object.keys(c.kwargs).length === 0,
    );
    const server = await startHubServer(
      { 'tiny/clf': checkpointDir('tiny', 'sequence-classification'), 'tiny/corrupt': checkpointDir('tiny', 'sequence-classification') },
      { 'tiny/corrupt/model.safetensors': { kind: 'wrong-sha' } },
    );
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const options = { endpoint: server.endpoint, cacheDir, graphCache: false as const };
      const clf = await pipeline('text-classification', 'tiny/clf', options);
      const [top] = (await clf(golden.inputs)) as { label: string; score: number }[];
      expect(top?.label).toBe(golden.output[0].label);
      expect(Math.abs((top?.score ?? 0) - golden.output[0].score)).toBeLessThan(1e-4);
      await clf.dispose();
      const err = await pipeline('text-classification', 'tiny/corrupt', options).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(HubError);
      expect((err as HubError).code).toBe('HUB_CHECKSUM_MISMATCH');
      const ours = warn.mock.calls.filter((args) => String(args[0]).includes('downloaded into memory'));
      expect(ours).toHaveLength(1);
    } finally {
      warn.mockRestore();
      await server.close();
    }
  });
});
