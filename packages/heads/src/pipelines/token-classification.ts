import { runCollated } from '../batching.js';
import type { TokenClassificationLike } from '../models/types.js';
import {
  type AggregationStrategy,
  type TokenClassificationEntity,
  tokenClassificationPostprocess,
} from '../postprocess/token-classification.js';
import type { TokenizerLike } from '../tokenizer.js';
import { type BatchOptions, encodeForModel, isString, maxModelLength, PipelineOptions, requireText, toArray } from './common.js';

export interface TokenClassificationOptions extends BatchOptions {
  /** How tokens become entities (default `none`: one entry per token). */
  aggregationStrategy?: AggregationStrategy;
  /**
   * Labels left out of the result.
   * @default ['O']
   */
  ignoreLabels?: string[];
}

const KNOWN = ['aggregationStrategy', 'ignoreLabels'];

/** Hugging Face's `token-classification` (`ner`) pipeline: entities per token, or grouped by `aggregationStrategy`. */
export class TokenClassificationPipeline {
  readonly task = 'token-classification';
  private readonly options: PipelineOptions<TokenClassificationOptions>;
  constructor(
    readonly model: TokenClassificationLike,
    readonly tokenizer: TokenizerLike,
    defaults: TokenClassificationOptions = {},
  ) {
    this.options = new PipelineOptions(this.task, KNOWN, defaults);
  }

  get defaults(): TokenClassificationOptions {
    return this.options.defaults;
  }

  /** The entities of one text. */
  async run(input: string, options?: TokenClassificationOptions): Promise<TokenClassificationEntity[]>;
  /** The entities of each text. */
  async run(input: string[], options?: TokenClassificationOptions): Promise<TokenClassificationEntity[][]>;
  async run(
    input: string | string[],
    options: TokenClassificationOptions = {},
  ): Promise<TokenClassificationEntity[] | TokenClassificationEntity[][]> {
    const opts = this.options.forCall(options);
    const config = this.model.config;
    const { items, single } = toArray(input, isString);
    const maxLength = maxModelLength(this.tokenizer, config.max_position_embeddings);
    // The reference truncates token-classification inputs to the model's length.
    const encodings = items.map((text, i) =>
      encodeForModel(this.tokenizer, requireText(text, `input ${i}`), null, maxLength, (n, full) => {
        const kept = full.offsets[maxLength - 2]?.[1] ?? 0;
        this.options.truncated(
          opts,
          `input ${i} has ${n} tokens, more than the model's ${maxLength}: entities after character ${kept} are not reported`,
        );
      }),
    );
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
