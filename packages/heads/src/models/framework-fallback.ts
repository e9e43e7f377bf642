// transformers' pipeline() infers the framework of a model folder: when the PyTorch class finds
// no PyTorch weights it tries the TensorFlow class. Loading by task does the same, so pipeline()
// and loading by task work on TF-only folders (and hub repos) without `fromTF`.
import { CoreError, type LoadOptions } from '@convbert/core';

/**
 * `load(options)`, and when that finds no weights (and the caller chose no framework), once more
 * as a TFConvBert* class would (tf_model.h5). Only the file that is used gets read.
 */
export async function loadEitherFramework<T, O extends LoadOptions>(load: (options: O) => Promise<T>, options: O): Promise<T> {
  try {
    return await load(options);
  } catch (e) {
    const chosen = options.framework !== undefined || options.fromTF !== undefined || options.fromPT !== undefined;
    if (chosen || !(e instanceof CoreError) || e.code !== 'MODEL_FILES_MISSING') throw e;
    try {
      return await load({ ...options, framework: 'tensorflow' });
    } catch (again) {
      // neither flavour: the PyTorch error says which files were looked for first
      if (again instanceof CoreError && again.code === 'MODEL_FILES_MISSING') throw e;
      throw again;
    }
  }
}
