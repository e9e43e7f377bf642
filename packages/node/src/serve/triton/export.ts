// `convbert export --triton`: a Triton model repository for one ConvBERT head —
// `<repo>/<name>/config.pbtxt` and `<repo>/<name>/1/model.onnx` — that KServe can serve too.
import { join, resolve } from 'node:path';
import { CoreError, type DType, loadModelFiles } from '@convbert/core';
import { buildConvBertEncoder } from '@convbert/core/graph';
import { buildHeadGraph, type HeadKind } from '@convbert/heads';
import { headForArchitecture } from '../../cli/commands/convert.js';
import { writeFileAtomic } from '../../fs/write-atomic.js';
import { openSource, type SourceOptions } from '../../sources/open.js';
import { headSignature } from '../protocols/open-inference.js';
import { type InstanceKind, tritonConfig } from './config-pbtxt.js';

export interface TritonExportOptions extends SourceOptions {
  /** The model's directory name in the repository (default: from the model id or folder). */
  name?: string;
  /** The head to export when the config names none (`base` for the bare encoder). */
  head?: HeadKind | 'base';
  dtype?: DType;
  maxBatch?: number;
  maxQueueDelayMicroseconds?: number;
  instanceKind?: InstanceKind;
  instanceCount?: number;
}

export function repositoryName(model: string): string {
  const last =
    model
      .replace(/[\\/]+$/, '')
      .split(/[\\/]/)
      .pop() ?? 'convbert';
  return last.replace(/[^A-Za-z0-9_.-]/g, '_') || 'convbert';
}

/** Writes the repository entry; returns the paths written. */
export async function exportTriton(
  model: string,
  repositoryDir: string,
  options: TritonExportOptions = {},
): Promise<{ config: string; model: string; head: HeadKind | 'base' }> {
  const maxBatch = options.maxBatch ?? 32;
  if (!Number.isInteger(maxBatch) || maxBatch < 0) throw new CoreError('INVALID_INPUT', `maxBatch must be an integer ≥ 0, got ${maxBatch}`);
  const source = await openSource(model, options);
  const files = await loadModelFiles(source, { dtype: options.dtype });
  const config = files.config as unknown as Record<string, unknown> | undefined;
  const head = options.head ?? headForArchitecture(files.config?.architectures?.[0]);
  let graph: Uint8Array;
  if (files.kind === 'onnx') {
    graph = files.bytes;
  } else {
    graph =
      head === 'base'
        ? buildConvBertEncoder(files.config, files.weights, { dtype: options.dtype })
        : buildHeadGraph(head, files.config, files.weights, { dtype: options.dtype });
  }
  const name = options.name ?? repositoryName(model);
  const { inputs, outputs } = headSignature(head, config);
  const text = tritonConfig({
    name,
    inputs,
    outputs,
    maxBatch,
    maxQueueDelayMicroseconds: options.maxQueueDelayMicroseconds ?? 5000,
    instanceKind: options.instanceKind ?? 'auto',
    instanceCount: options.instanceCount ?? 1,
  });
  const dir = join(resolve(repositoryDir), name);
  const modelPath = join(dir, '1', 'model.onnx');
  const configPath = join(dir, 'config.pbtxt');
  await writeFileAtomic(modelPath, graph);
  await writeFileAtomic(configPath, text);
  return { config: configPath, model: modelPath, head };
}
