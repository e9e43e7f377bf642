import { runCollated } from '../batching.js';
import type { TokenClassificationLike } from '../models/types.js';
import {
  type AggregationStrategy,
  type TokenClassificationEntity,
  tokenClassificationPostprocess,
} from '../postprocess/token-classification.js';
import type { TokenizerLike } from '../tokenizer.js';
import { type BatchOptions, encodeForModel, isString, maxModelLength, requireText, toArray } from './common.js';

export interface TokenClassificationOptions extends BatchOptions {
  /** How tokens become entities (default `none`: one entry per token). */
  aggregationStrategy?: AggregationStrategy;
  /** Labels left out of the result (default `['O']`). */
  ignoreLabels?: string[];
}

export class TokenClassificationPipeline {
  readonly task = 'token-classification';
  constructor(
    readonly model: TokenClassificationLike,
    readonly tokenizer: TokenizerLike,
    readonly defaults: TokenClassificationOptions = {},
  ) {}

  async run(input: string, options?: TokenClassificationOptions): Promise<TokenClassificationEntity[]>;
  async run(input: string[], options?: TokenClassificationOptions): Promise<TokenClassificationEntity[][]>;
  async run(
    input: string | string[],
    options: TokenClassificationOptions = {},
  ): Promise<TokenClassificationEntity[] | TokenClassificationEntity[][]> {
    const opts = { ...this.defaults, ...options };
    const config = this.model.config;
    const { items, single } = toArray(input, isString);
    const maxLength = maxModelLength(this.tokenizer, config.max_position_embeddings);
    // The reference truncates token-classification inputs to the model's length.
    const encodings = items.map((text, i) => encodeForModel(this.tokenizer, requireText(text, `input ${i}`), null, maxLength));
    const numLabels = config.num_labels;
    const results = await runCollated(encodings, opts, this.tokenizer.padTokenId, async (batch, group) => {
      const { logits } = await this.model.forward(batch);
      const seq = batch.inputIds.dims[1];
      return group.map((inputIndex, b) => {
        const enc = encodings[inputIndex];
        const len = enc.inputIds.length;
        return tokenClassificationPostprocess({
          text: items[inputIndex],
          encoding: enc,
          logits: logits.data.subarray(b * seq * numLabels, (b * seq + len) * numLabels),
          id2label: config.id2label,
          tokenizer: this.tokenizer,
          aggregationStrategy: opts.aggregationStrategy ?? 'none',
          ignoreLabels: opts.ignoreLabels,
        });
      });
    });
    return single ? results[0] : results;
  }
}
