// Test-only adapter: core's Backend on onnxruntime-node (heads' src never imports a runtime).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Backend, MemorySource, type Session, type Tensor, type TensorData } from '@convbert/core';
import { type ConfigName, checkpointDir, fixturePath } from '@convbert/test-fixtures';
import * as ort from 'onnxruntime-node';

function toOrt(t: Tensor): ort.Tensor {
  const dims = [...t.dims];
  if (t.data instanceof Float32Array) return new ort.Tensor('float32', t.data, dims);
  if (t.data instanceof BigInt64Array) return new ort.Tensor('int64', t.data, dims);
  throw new Error('test backend: only float32 and int64 feeds');
}

export const ortBackend: Backend = {
  name: 'onnxruntime-node (test)',
  async createSession(model: Uint8Array): Promise<Session> {
    const inner = await ort.InferenceSession.create(model, { executionProviders: ['cpu'], intraOpNumThreads: 1 });
    return {
      inputNames: inner.inputNames,
      outputNames: inner.outputNames,
      async run(feeds, outputNames) {
        const ortFeeds = Object.fromEntries(Object.entries(feeds).map(([k, v]) => [k, toOrt(v)]));
        const out = outputNames ? await inner.run(ortFeeds, [...outputNames]) : await inner.run(ortFeeds);
        return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, { data: v.data as TensorData, dims: [...v.dims] }]));
      },
      release: () => inner.release(),
    };
  },
};

/** A head's Hugging Face checkpoint folder (config + safetensors) as a model source. */
export function checkpointSource(config: ConfigName, head: string): MemorySource {
  const dir = checkpointDir(config, head);
  return new MemorySource(
    { 'config.json': readFileSync(join(dir, 'config.json')), 'model.safetensors': readFileSync(join(dir, 'model.safetensors')) },
    dir,
  );
}

/** The torch-exported ONNX file of a head with its config, as a model folder would hold them. */
export function onnxSource(config: ConfigName, head: string): MemorySource {
  const dir = checkpointDir(config, head);
  return new MemorySource(
    {
      'config.json': readFileSync(join(dir, 'config.json')),
      'model.onnx': readFileSync(fixturePath('models', config, 'onnx', `${head}.onnx`)),
    },
    `${config}/onnx/${head}.onnx`,
  );
}
