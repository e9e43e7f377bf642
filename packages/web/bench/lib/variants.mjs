// The graph variants the bench compares, built in Node from the medium-small checkpoint with
// @convbert/core/graph: the fused graph (Node's default), the reference-shaped one, and mixes of
// the fused choices, to measure each under onnxruntime-web's wasm kernels.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfig } from '@convbert/config';
import { readSafetensors } from '@convbert/core';
import {
  buildConvBertEncoder,
  depthwise1d,
  depthwise2d,
  FUSED_BLOCKS,
  fusedBlocks,
  headMajorWindows,
  REFERENCE_BLOCKS,
  unfoldedWindows,
} from '@convbert/core/graph';

/** Variant name → build options. */
const BUILDS = {
  fused: { blocks: FUSED_BLOCKS },
  // each fused choice undone in turn
  'depthwise-1d': { blocks: fusedBlocks({ conv: { depthwise: depthwise1d, windows: headMajorWindows } }) },
  'unfolded-windows': { blocks: fusedBlocks({ conv: { depthwise: depthwise2d, windows: unfoldedWindows } }) },
  'broadcast-ffn': { blocks: fusedBlocks({ groupByGroup: false }) },
  reference: { blocks: REFERENCE_BLOCKS },
  // the fused graph with every per-layer output declared (what ConvBertModel built before)
  'fused-all-outputs': { blocks: FUSED_BLOCKS, outputHiddenStates: true, outputAttentions: true, outputConvKernels: true },
};

export const VARIANTS = Object.keys(BUILDS);

/** Writes `<variant>.onnx` for each variant into `out` (kept between runs). */
export async function buildVariants(checkpoint, out) {
  mkdirSync(out, { recursive: true });
  const config = parseConfig(readFileSync(join(checkpoint, 'config.json'), 'utf8'));
  const weights = readSafetensors(new Uint8Array(readFileSync(join(checkpoint, 'model.safetensors'))));
  for (const [name, options] of Object.entries(BUILDS)) {
    const file = join(out, `${name}.onnx`);
    if (!existsSync(file) || process.env.BENCH_REBUILD) writeFileSync(file, buildConvBertEncoder(config, weights, options));
  }
}
