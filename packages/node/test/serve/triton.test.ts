// `convbert export --triton`: the config.pbtxt read against Triton's model_config.proto (a vendored
// subset), its tensors against the ONNX graph's own metadata, and the exported model.onnx run on
// the reference's inputs against the reference's outputs.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkpointDir, compareClose, loadManifest, readTensor } from '@convbert/test-fixtures';
import * as ort from 'onnxruntime-node';
import { afterAll, describe, expect, it } from 'vitest';
import { parseTextFormat } from './pbtxt.js';

const PROTO = new URL('../fixtures/triton/model_config.subset.proto', import.meta.url).pathname;
const BIN = new URL('../../dist/bin/convbert.js', import.meta.url).pathname;
const repo = mkdtempSync(join(tmpdir(), 'convbert-triton-'));
afterAll(() => rmSync(repo, { recursive: true, force: true }));

const HEADS = ['sequence-classification', 'token-classification', 'question-answering', 'masked-lm', 'multiple-choice', 'base'] as const;
const TYPES: Record<string, string> = { TYPE_INT64: 'int64', TYPE_FP32: 'float32' };

interface Tensor {
  name: string;
  data_type: string;
  dims: number[];
}

function exportHead(head: string): { config: Record<string, unknown>; onnx: string } {
  const r = spawnSync(
    process.execPath,
    [
      BIN,
      'export',
      '--triton',
      checkpointDir('tiny', head),
      repo,
      '--name',
      head,
      '--max-batch',
      '8',
      ...(head === 'base' ? ['--head', 'base'] : []),
    ],
    {
      encoding: 'utf8',
    },
  );
  expect(r.status, r.stderr).toBe(0);
  const text = readFileSync(join(repo, head, 'config.pbtxt'), 'utf8');
  return { config: parseTextFormat(PROTO, 'inference.ModelConfig', text), onnx: join(repo, head, '1', 'model.onnx') };
}

describe('convbert export --triton', () => {
  const manifest = loadManifest('tiny');

  for (const head of HEADS) {
    it(`${head}: a valid config.pbtxt that matches model.onnx, which gives the reference outputs`, async () => {
      const { config, onnx } = exportHead(head);
      expect(config).toMatchObject({ name: head, platform: 'onnxruntime_onnx', max_batch_size: 8, dynamic_batching: {} });
      expect((config.instance_group as { kind: string }[])[0].kind).toBe('KIND_AUTO');
      const session = await ort.InferenceSession.create(onnx);
      const meta = new Map(
        [...session.inputMetadata, ...session.outputMetadata].map((m) => [m.name, m as { type?: string; shape?: (string | number)[] }]),
      );
      for (const t of [...(config.input as Tensor[]), ...(config.output as Tensor[])]) {
        const m = meta.get(t.name);
        expect(m, t.name).toBeDefined();
        expect(m?.type, t.name).toBe(TYPES[t.data_type]);
        // Triton adds the batch dimension in front of `dims`; -1 stands for a named (free) dimension.
        expect(
          m?.shape?.map((d) => (typeof d === 'number' ? d : -1)),
          t.name,
        ).toEqual([-1, ...t.dims]);
      }
      expect((config.input as Tensor[]).map((t) => t.name)).toEqual([...session.inputNames]);
      // The model file is the head: the reference's inputs give the reference's outputs.
      let checked = 0;
      for (const result of manifest.results.filter((r) => r.head === head && !r.kind)) {
        const c = manifest.cases.find((x) => x.name === result.case);
        if (!c) continue;
        const feeds = Object.fromEntries(
          (['input_ids', 'attention_mask', 'token_type_ids'] as const).map((k) => {
            const t = readTensor('tiny', c.inputs[k]);
            return [k, new ort.Tensor('int64', t.data as BigInt64Array, t.dims)];
          }),
        );
        const names = (config.output as Tensor[]).map((t) => t.name);
        const out = await session.run(feeds, names);
        // The reference keeps full masked-LM logits for one case only (top-5 for the others).
        for (const name of names.filter((n) => result.outputs[n])) {
          expect(
            compareClose(out[name].data as Float32Array, readTensor('tiny', result.outputs[name]).data as Float32Array).ok,
            `${result.case}/${name}`,
          ).toBe(true);
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(0);
      await session.release();
    });
  }

  it('the schema check fails on what Triton would refuse', () => {
    const good = readFileSync(join(repo, 'sequence-classification', 'config.pbtxt'), 'utf8');
    expect(() => parseTextFormat(PROTO, 'inference.ModelConfig', good.replace('max_batch_size', 'max_batch'))).toThrow(
      /no field max_batch/,
    );
    expect(() => parseTextFormat(PROTO, 'inference.ModelConfig', good.replace('TYPE_INT64', 'TYPE_LONG'))).toThrow(
      /TYPE_LONG is not a value/,
    );
    expect(() => parseTextFormat(PROTO, 'inference.ModelConfig', good.replace('max_batch_size: 8', 'max_batch_size: "8"'))).toThrow(
      /expected a number/,
    );
    expect(() => parseTextFormat(PROTO, 'inference.ModelConfig', `${good}\nname: "again"`)).toThrow(/set twice/);
  });

  it('refuses a call without --triton', () => {
    const r = spawnSync(process.execPath, [BIN, 'export', checkpointDir('tiny', 'base'), repo], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--triton/);
  });
});
