import type { ConvBertConfig, DerivedSizes } from '@convbert/config';
import type { GraphBuilder } from '../onnx/builder.js';
import type { GraphParams } from '../onnx/params.js';
import type { EncoderBlocks } from './blocks.js';

/** What every block of the encoder reads: the graph, the weights, the configuration and its sizes. */
export interface EncoderContext {
  readonly g: GraphBuilder;
  readonly p: GraphParams;
  readonly config: ConvBertConfig;
  readonly sizes: DerivedSizes;
  /** State-dict prefix of the encoder (`''`; lookups also try `convbert.`). */
  readonly prefix: string;
  /** The layer's blocks: `FUSED_BLOCKS` (default) or `REFERENCE_BLOCKS` (same outputs). */
  readonly blocks: EncoderBlocks;
}
