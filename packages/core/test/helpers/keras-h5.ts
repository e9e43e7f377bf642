// Test-only: Keras-layout HDF5 files written by the HDF5 library itself (h5wasm), from a reference
// tf_model.h5 read back as raw TF tensors, so bad-input tests can drop, add, reshape or split things.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import h5wasm, { type Group } from 'h5wasm/node';
import { Hdf5File } from '../../src/weights/hdf5.js';

export interface KerasWeight {
  name: string;
  /** numpy-style HDF5 type: '<f4', '<f2', '<i4', ... */
  dtype: string;
  shape: number[];
  data: Float32Array | Uint16Array | Int32Array | Float64Array;
}
export interface KerasLayer {
  name: string;
  weights: KerasWeight[];
}
export interface WriteOptions {
  /** Write no root `layer_names` attribute. */
  noLayerNames?: boolean;
  /** Split every `weight_names` into this many `weight_names0..n-1` attributes (Keras does so above 64 KB). */
  chunkWeightNames?: number;
}

/** The layers of a tf_model.h5 with their weights in TF layout (copies). */
export function readKerasLayers(bytes: Uint8Array): KerasLayer[] {
  const f = new Hdf5File(bytes);
  return (f.stringList('', 'layer_names') ?? []).map((layer) => ({
    name: layer,
    weights: (f.stringList(layer, 'weight_names') ?? []).map((name) => {
      const t = f.tensor(`${layer}/${name}`, name);
      if (t.dtype !== 'F32') throw new Error('fixture weights are float32');
      return { name, dtype: '<f4', shape: t.shape, data: new Float32Array(t.bytes.slice().buffer) };
    }),
  }));
}

/** numpy's '<f2' / '<f4' / '<i4' in h5wasm's struct-module letters ('<e', '<f', '<i'); raw bits are written as given. */
function h5wasmDtype(numpy: string): string {
  const m = /^([<>])([fi])(\d)$/.exec(numpy);
  if (m === null) return numpy;
  const letters: Record<string, string> = { f2: 'e', f4: 'f', f8: 'd', i1: 'b', i2: 'h', i4: 'i', i8: 'q' };
  return `${m[1]}${letters[`${m[2]}${m[3]}`] ?? ''}`;
}

function stringsAttr(g: Group, name: string, values: string[]) {
  if (values.length === 0) {
    g.create_attribute(name, new Float32Array(0), [0], '<f4');
    return;
  }
  const width = Math.max(1, ...values.map((v) => v.length));
  // fixed-length, NUL-padded byte strings, as h5py writes Keras' numpy 'S' arrays
  g.create_attribute(name, values, [values.length], `A${width}`);
}

export async function writeKerasH5(layers: KerasLayer[], options: WriteOptions = {}): Promise<Uint8Array> {
  await h5wasm.ready;
  const dir = mkdtempSync(join(tmpdir(), 'convbert-h5-'));
  const path = join(dir, 'tf_model.h5');
  try {
    const f = new h5wasm.File(path, 'w');
    if (!options.noLayerNames)
      stringsAttr(
        f,
        'layer_names',
        layers.map((l) => l.name),
      );
    f.create_attribute('backend', 'tensorflow');
    f.create_attribute('keras_version', '2.15.0');
    for (const layer of layers) {
      const g = f.create_group(layer.name);
      const names = layer.weights.map((w) => w.name);
      const n = options.chunkWeightNames ?? 0;
      if (n > 0 && names.length > 0) {
        const per = Math.ceil(names.length / n);
        for (let i = 0; i < n; i++) stringsAttr(g, `weight_names${i}`, names.slice(i * per, (i + 1) * per));
      } else {
        stringsAttr(g, 'weight_names', names);
      }
      for (const w of layer.weights) {
        // h5py creates the groups of a nested dataset path; h5wasm needs them made first
        const parts = w.name.split('/');
        let parent = g;
        for (const p of parts.slice(0, -1)) parent = (parent.get(p) as Group | null) ?? parent.create_group(p);
        parent.create_dataset({ name: parts[parts.length - 1] as string, data: w.data, shape: w.shape, dtype: h5wasmDtype(w.dtype) });
      }
    }
    f.close();
    return new Uint8Array(readFileSync(path));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
