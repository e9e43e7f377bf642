// `tf_model.h5` (Keras 2 `save_weights`, as the TFConvBert* classes write it) read into the
// same state dict as a PyTorch checkpoint, so the graph builder has one input.
import { WeightsError } from '../errors.js';
import { elementCount, typedView, type WeightData, type WeightTensor } from './dtypes.js';
import { Hdf5File, hdf5Error } from './hdf5.js';
import { ENCODER_PREFIX, StateDict } from './state-dict.js';
import { applyLayout, mapTfWeight } from './tf-names.js';

/** A TF checkpoint's state dict: missing weights are reported with the Keras layers the file does have. */
class TfStateDict extends StateDict {
  constructor(
    tensors: ReadonlyMap<string, WeightTensor>,
    readonly layerNames: readonly string[],
  ) {
    super(tensors, { format: 'tf' });
  }

  override get(name: string, shape?: readonly number[]): WeightTensor {
    try {
      return super.get(name, shape);
    } catch (e) {
      if (!(e instanceof WeightsError) || e.code !== 'WEIGHT_MISSING') throw e;
      throw new WeightsError(
        'WEIGHT_MISSING',
        `is missing from tf_model.h5, whose Keras layers are ${this.layerNames.join(', ')}: the file was saved by another TFConvBert class or does not match config.json`,
        name,
      );
    }
  }
}

/**
 * A tensor whose PyTorch-layout data is made when read and not kept: transposed kernels (and
 * unaligned tensors) exist only while the graph builder copies them, so loading never holds a
 * second copy of the weights beside the file's bytes. Aligned tensors in PyTorch order are views.
 */
function lazyTensor(
  raw: { dtype: WeightTensor['dtype']; shape: number[]; bytes: Uint8Array },
  layout: ReturnType<typeof mapTfWeight>['layout'],
): WeightTensor {
  return {
    dtype: raw.dtype,
    shape: layout.shape,
    get data(): WeightData {
      const tf = typedView(raw.dtype, raw.bytes) as Float32Array | Float64Array | Uint16Array;
      return applyLayout(tf, raw.shape, layout);
    },
  };
}

/** Keras' full-model files (`model.save`) keep the same layout under `model_weights`. */
function weightsRoot(file: Hdf5File): { root: string; layers: string[] } {
  for (const root of ['', 'model_weights']) {
    if (root !== '' && !file.has(root)) continue;
    const layers = file.stringList(root, 'layer_names');
    if (layers !== undefined) return { root, layers };
  }
  return hdf5Error(
    'the HDF5 file has no "layer_names" attribute: it is not a Keras weights file (save it with save_pretrained / save_weights)',
  );
}

/**
 * Reads a Keras `tf_model.h5` into PyTorch names and layouts (Dense kernels transposed, the grouped
 * kernel's axes reversed, the separable convolution's kernels rearranged; see tf-names.ts). A file
 * holding only the encoder (`TFConvBertModel`) gets `ConvBertModel`'s unprefixed keys, a head
 * class's file the `convbert.`-prefixed ones, as the PyTorch classes save them.
 */
export function readTfH5(bytes: Uint8Array): StateDict {
  const file = new Hdf5File(bytes);
  const { root, layers } = weightsRoot(file);
  const tensors = new Map<string, WeightTensor>();
  const sources = new Map<string, string>();
  for (const layer of layers) {
    const group = root === '' ? layer : `${root}/${layer}`;
    if (!file.has(group)) hdf5Error(`layer "${layer}" is in layer_names but has no group`);
    const names = file.stringList(group, 'weight_names');
    if (names === undefined) hdf5Error(`layer "${layer}" has no "weight_names" attribute`);
    for (const name of names) {
      const raw = file.tensor(`${group}/${name}`, name);
      const mapping = mapTfWeight(name, raw.shape);
      if (elementCount(mapping.layout.shape) !== elementCount(raw.shape)) {
        throw new WeightsError('WEIGHT_SHAPE', `has shape [${raw.shape.join(', ')}], which cannot be laid out as a PyTorch tensor`, name);
      }
      const previous = sources.get(mapping.key);
      if (previous !== undefined) {
        throw new WeightsError('WEIGHT_UNEXPECTED', `maps to "${mapping.key}" like "${previous}": stored twice (tf_model.h5)`, name);
      }
      sources.set(mapping.key, name);
      tensors.set(mapping.key, lazyTensor(raw, mapping.layout));
    }
  }
  const encoderOnly = [...tensors.keys()].every((k) => k.startsWith(ENCODER_PREFIX));
  if (!encoderOnly) return new TfStateDict(tensors, layers);
  return new TfStateDict(new Map([...tensors].map(([k, t]) => [k.slice(ENCODER_PREFIX.length), t])), layers);
}
