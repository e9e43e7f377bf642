import { type ConvBertConfig, parseConfig } from '@convbert/config';
import { CoreError } from '../errors.js';
import type { DType } from '../onnx/dtype.js';
import { utf8Decode } from '../text.js';
import {
  type CheckpointFileOptions,
  type CheckpointWeights,
  firstWeightsFile,
  missingWeightsHint,
  readCheckpointWeights,
  weightFileOrder,
} from './checkpoint-files.js';
import type { LoadProgress } from './graph-cache.js';
import type { ModelSource } from './source.js';

/** Where a ConvBERT ONNX export lives in a model folder, in the order they are tried. */
export const ONNX_FILES = ['model.onnx', 'onnx/model.onnx'] as const;
/** The checkpoint files a folder is searched for, in order of preference. */
export const WEIGHT_FILES = ['model.safetensors', 'pytorch_model.bin'] as const;

/** What a loader reads from a model folder and how (`from`, `dtype`, `subfolder`…). */
export interface LoadOptions extends CheckpointFileOptions {
  /**
   * `auto` (default): an ONNX export when the folder has one, else build from the checkpoint;
   * `onnx`: only an export; `checkpoint`: always build from the weights.
   */
  format?: 'auto' | 'onnx' | 'checkpoint';
  /** A specific ONNX file inside the folder (implies `format: 'onnx'`). */
  onnxFile?: string;
  /** Precision of a built graph; refused when the graph would be an ONNX file (its precision is fixed). */
  dtype?: DType;
  /** Told when a graph is built (or taken from the cache). */
  onProgress?: (e: LoadProgress) => void;
}

/** `loadModelFiles` options of the loaders that build a session right away. */
export interface LoadFilesOptions extends LoadOptions {
  /**
   * Open a local model.safetensors in place instead of reading it whole (the result's `local`,
   * to be closed by the caller): graphs built from it point at its bytes (ONNX external data).
   */
  inPlace?: boolean;
  /** The class that loads needs config.json even beside an ONNX export (its name, for the message). */
  needsConfig?: string;
  /** Asked before a checkpoint's weights file is read: a graph already built from it ends the load there. */
  cachedGraph?: (configText: string, weightsFile: string) => Promise<Uint8Array | undefined>;
}

/** What `cachedGraph` found: the graph built earlier from the folder's weights, which were not read. */
export type CachedModelFiles = { kind: 'cached'; file: string; graph: Uint8Array; config: ConvBertConfig };

/** What a folder gave a loader: an ONNX export, or a configuration and its weights. */
export type LoadedModelFiles =
  | { kind: 'onnx'; file: string; bytes: Uint8Array; config: ConvBertConfig | undefined }
  | ({
      kind: 'checkpoint';
      config: ConvBertConfig;
      configText: string;
    } & CheckpointWeights);

async function readConfigText(source: ModelSource, required: boolean): Promise<string | undefined> {
  if (!(await source.exists('config.json'))) {
    if (!required) return undefined;
    throw new CoreError('MODEL_FILES_MISSING', `${source.id} has no config.json: a Hugging Face checkpoint folder needs it`);
  }
  return utf8Decode(await source.read('config.json'));
}

async function readConfig(source: ModelSource, required: boolean): Promise<ConvBertConfig | undefined> {
  const text = await readConfigText(source, required);
  return text === undefined ? undefined : parseConfig(text);
}

/** Reads what a model folder holds: an ONNX export, or config + weights (safetensors first). */
export async function loadModelFiles(
  source: ModelSource,
  options: LoadFilesOptions & Required<Pick<LoadFilesOptions, 'cachedGraph'>>,
): Promise<LoadedModelFiles | CachedModelFiles>;
export async function loadModelFiles(source: ModelSource, options?: Omit<LoadFilesOptions, 'cachedGraph'>): Promise<LoadedModelFiles>;
export async function loadModelFiles(source: ModelSource, options: LoadFilesOptions = {}): Promise<LoadedModelFiles | CachedModelFiles> {
  const format = options.onnxFile !== undefined ? 'onnx' : (options.format ?? 'auto');
  if (format !== 'checkpoint') {
    const candidates = options.onnxFile !== undefined ? [options.onnxFile] : ONNX_FILES;
    for (const file of candidates) {
      if (await source.exists(file)) {
        if (options.dtype !== undefined) {
          throw new CoreError(
            'INVALID_OPTION',
            `dtype "${options.dtype}" is for graphs built from a checkpoint; ${source.id} has an ONNX export (${file}) whose precision is fixed: omit dtype, or pass format "checkpoint"`,
          );
        }
        const config = await readConfig(source, false);
        if (config === undefined && options.needsConfig !== undefined) {
          throw new CoreError(
            'MODEL_FILES_MISSING',
            `${source.id} has no config.json: ${options.needsConfig} needs it (sizes, labels) next to the ONNX file`,
          );
        }
        return { kind: 'onnx', file, bytes: await source.read(file), config };
      }
    }
    if (format === 'onnx') {
      throw new CoreError('MODEL_FILES_MISSING', `${source.id} has no ONNX model (looked for ${candidates.join(', ')})`);
    }
  }
  const configText = (await readConfigText(source, true)) as string;
  const config = parseConfig(configText);
  const file = await firstWeightsFile(source, options);
  if (file !== undefined) {
    const graph = await options.cachedGraph?.(configText, file);
    if (graph !== undefined) return { kind: 'cached', file, graph, config };
    return { kind: 'checkpoint', ...(await readCheckpointWeights(source, file, options.inPlace)), config, configText };
  }
  throw new CoreError(
    'MODEL_FILES_MISSING',
    `${source.id} has neither weights (${weightFileOrder(options).join(', ')}) nor an ONNX export (${ONNX_FILES.join(', ')})${missingWeightsHint(options)}`,
  );
}
