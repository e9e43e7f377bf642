// Which weights file of a model folder a class loads, as transformers' `from_pretrained` picks
// it: a PyTorch class prefers model.safetensors then pytorch_model.bin, a TensorFlow class
// tf_model.h5; `fromTF` / `fromPT` cross over. Files are tried in order and only the first one
// present is read, so a hub source downloads just the file it uses.
import { readSafetensors } from '../weights/safetensors.js';
import type { StateDict } from '../weights/state-dict.js';
import type { LocalFile, ModelSource } from './source.js';

export const SAFETENSORS_FILE = 'model.safetensors';
export const PYTORCH_FILE = 'pytorch_model.bin';
export const TF_FILE = 'tf_model.h5';

export interface CheckpointFileOptions {
  /**
   * The flavour of the class that loads: `pytorch` (the `ConvBert*` classes, default) or
   * `tensorflow` (the `TFConvBert*` classes). Set by the classes, not by users.
   */
  framework?: 'pytorch' | 'tensorflow';
  /** A PyTorch class loads the TensorFlow checkpoint (`tf_model.h5`), like transformers' `from_tf=True`. */
  fromTF?: boolean;
  /** A TensorFlow class loads the PyTorch checkpoint (model.safetensors, pytorch_model.bin), like `from_pt=True`. */
  fromPT?: boolean;
}

/** The weights files a load tries, in order. */
export function weightFileOrder(options: CheckpointFileOptions = {}): string[] {
  const pytorch = [SAFETENSORS_FILE, PYTORCH_FILE];
  if (options.framework === 'tensorflow') {
    // safetensors is framework-neutral: the reference's TF classes read it without from_pt
    return options.fromPT ? pytorch : [TF_FILE, SAFETENSORS_FILE];
  }
  return options.fromTF ? [TF_FILE] : pytorch;
}

/** What to tell a user whose folder has none of the files `weightFileOrder` gave. */
export function missingWeightsHint(options: CheckpointFileOptions = {}): string {
  if (options.framework === 'tensorflow') {
    return options.fromPT ? '' : `; a folder with only ${PYTORCH_FILE} loads with fromPT: true`;
  }
  return options.fromTF ? '' : `; a folder with only ${TF_FILE} (a TensorFlow checkpoint) loads with fromTF: true`;
}

/**
 * Parses a weights file by its name. The HDF5 and pickle readers (and their libraries) are loaded
 * only when such a file is read: most folders have safetensors, and browsers pay for what they fetch.
 */
export async function readWeightsFile(file: string, bytes: Uint8Array): Promise<StateDict> {
  if (file.endsWith('.h5')) {
    const { readTfH5 } = await import('../weights/tf-h5.js');
    return readTfH5(bytes);
  }
  if (file.endsWith('.safetensors')) return readSafetensors(bytes);
  const { readPytorchBin } = await import('../weights/pytorch.js');
  return readPytorchBin(bytes);
}

/**
 * A checkpoint's weights: read whole (`weightBytes`), or, for a local safetensors file, read in
 * place (`local`: tensors read on demand, referable as external data; close it when done).
 */
export type CheckpointWeights = { file: string; weights: StateDict } & (
  | { weightBytes: Uint8Array; local?: undefined }
  | { weightBytes?: undefined; local: LocalFile }
);

/** The first weights file of `weightFileOrder` the source has; undefined when there is none. */
export async function firstWeightsFile(source: ModelSource, options: CheckpointFileOptions = {}): Promise<string | undefined> {
  for (const file of weightFileOrder(options)) if (await source.exists(file)) return file;
  return undefined;
}

/**
 * The weights file `file` (from `firstWeightsFile`), read. With `inPlace`, a safetensors file the
 * source has on the local disk is opened, not read whole.
 */
export async function readCheckpointWeights(source: ModelSource, file: string, inPlace?: boolean): Promise<CheckpointWeights> {
  const local = inPlace && file.endsWith('.safetensors') ? await source.openLocal?.(file) : undefined;
  if (local !== undefined) {
    try {
      return { file, weights: local.openSafetensors(), local };
    } catch (err) {
      local.file.close();
      throw err;
    }
  }
  const weightBytes = await source.read(file);
  return { file, weights: await readWeightsFile(file, weightBytes), weightBytes };
}
