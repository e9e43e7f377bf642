import { buildConvBertEncoder } from '../model/build.js';
import { OUTPUT_NAMES } from '../model/output-names.js';
import { type ForwardInputs, prepareEncoderFeeds } from './inputs.js';
import { type ForwardOptions, type GraphRecipe, inputLimits, type LayerOutputs } from './model-session.js';
import type { OutputTensor } from './output-tensor.js';
import { ConvBertPreTrainedModel } from './pretrained-model.js';

/** `ConvBertModel`'s outputs; the per-layer ones when asked for and the graph has them. */
export interface EncoderOutput extends LayerOutputs {
  lastHiddenState: OutputTensor<Float32Array>;
}

/** The bare encoder's graph, with every per-layer output, so that one graph serves every forward option. */
export const ENCODER_GRAPH: GraphRecipe = {
  key: (dtype) => JSON.stringify({ graph: 'ConvBertModel', dtype, outputs: 'all' }),
  build: (config, weights, dtype) =>
    buildConvBertEncoder(config, weights, { dtype, outputHiddenStates: true, outputAttentions: true, outputConvKernels: true }),
};

/**
 * The ConvBERT encoder on some backend: input checks, feeds, outputs. A bare ONNX export may come
 * without config.json (no input limits then); `ConvBertModel` of the platform packages needs one.
 */
export class ConvBertEncoder extends ConvBertPreTrainedModel {
  static readonly graph: GraphRecipe = ENCODER_GRAPH;

  /** Output names the loaded graph offers. */
  get outputNames(): readonly string[] {
    return this.session.outputNames;
  }

  /** Runs the encoder: `lastHiddenState` `[batch, seq, hidden]`, and per-layer outputs when asked. */
  async forward(inputs: ForwardInputs, options: ForwardOptions = {}): Promise<EncoderOutput> {
    const { feeds } = prepareEncoderFeeds(inputs, inputLimits(this.config));
    const { named, layers } = await this.session.run(feeds, [OUTPUT_NAMES.lastHiddenState], options);
    return { lastHiddenState: named[OUTPUT_NAMES.lastHiddenState], ...layers };
  }
}
