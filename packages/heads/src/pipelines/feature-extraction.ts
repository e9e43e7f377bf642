import { OutputTensor } from '@convbert/core';
import { runCollated } from '../batching.js';
import type { FeatureExtractionModelLike } from '../models/types.js';
import { type Pooling, poolHiddenStates } from '../postprocess/feature-extraction.js';
import type { TokenizerLike } from '../tokenizer.js';
import { type BatchOptions, encodeForModel, isString, maxModelLength, PipelineOptions, requireText, toArray } from './common.js';

export interface FeatureExtractionOptions extends BatchOptions {
  /** `none` (default): `[seq, hidden]` per input; `cls`: position 0; `mean`: mean over real tokens. */
  pooling?: Pooling;
  /**
   * Scale each vector to unit length.
   * @default false
   */
  normalize?: boolean;
}

/** Hugging Face's `feature-extraction` pipeline: the encoder's hidden states per token, or pooled (`cls`, `mean`) and optionally normalised. */
export class FeatureExtractionPipeline {
  readonly task = 'feature-extraction';
  private readonly options: PipelineOptions<FeatureExtractionOptions>;
  constructor(
    readonly model: FeatureExtractionModelLike,
    readonly tokenizer: TokenizerLike,
    defaults: FeatureExtractionOptions = {},
  ) {
    this.options = new PipelineOptions(this.task, ['pooling', 'normalize'], defaults);
  }

  get defaults(): FeatureExtractionOptions {
    return this.options.defaults;
  }

  /** The features of one text: `[1, seq, hidden]`, or `[1, hidden]` when pooled. */
  async run(input: string, options?: FeatureExtractionOptions): Promise<OutputTensor<Float32Array>>;
  /** The features of each text. */
  async run(input: string[], options?: FeatureExtractionOptions): Promise<OutputTensor<Float32Array>[]>;
  async run(
    input: string | string[],
    options: FeatureExtractionOptions = {},
  ): Promise<OutputTensor<Float32Array> | OutputTensor<Float32Array>[]> {
    const opts = this.options.forCall(options);
    const { items, single } = toArray(input, isString);
    const config = this.model.config;
    const maxLength = maxModelLength(this.tokenizer, config?.max_position_embeddings ?? Number.POSITIVE_INFINITY);
    const encodings = items.map((text, i) =>
      encodeForModel(this.tokenizer, requireText(text, `input ${i}`), null, maxLength, (n) =>
        this.options.truncated(
          opts,
          `input ${i} has ${n} tokens, more than the model's ${maxLength}; features are given for the first ${maxLength}`,
        ),
      ),
    );
    const results = await runCollated(encodings, opts, this.tokenizer.padTokenId, async (batch, group) => {
      const { lastHiddenState } = await this.model.forward(batch);
      const seq = batch.inputIds.dims[1];
      const hidden = lastHiddenState.dims[lastHiddenState.dims.length - 1];
      return group.map((inputIndex, b) => {
        const len = encodings[inputIndex].inputIds.length;
        // Only the input's own positions: pad rows of a padded batch are not part of its result.
        const pooled = poolHiddenStates(
          lastHiddenState.data.subarray(b * seq * hidden, (b * seq + len) * hidden),
          len,
          hidden,
          encodings[inputIndex].attentionMask,
          opts.pooling ?? 'none',
          opts.normalize ?? false,
        );
        return new OutputTensor(pooled.data, pooled.dims);
      });
    });
    return single ? results[0] : results;
  }
}
