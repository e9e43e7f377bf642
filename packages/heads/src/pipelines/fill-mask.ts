import { runCollated } from '../batching.js';
import { HeadsError } from '../errors.js';
import type { MaskedLMLike } from '../models/types.js';
import { type FillMaskPrediction, fillMaskPostprocess, maskPositions, resolveTargetIds } from '../postprocess/fill-mask.js';
import type { TokenizerLike } from '../tokenizer.js';
import { type BatchOptions, checkTopK, encodeForModel, isString, maxModelLength, PipelineOptions, requireText, toArray } from './common.js';

export interface FillMaskOptions extends BatchOptions {
  /**
   * Predictions per [MASK].
   * @default 5
   */
  topK?: number;
  /** Only score these words (each should be one vocabulary entry). */
  targets?: string | string[];
}

/** Per input: one list with one [MASK], one list per [MASK] (outer) when there are several. */
export type FillMaskOutput = FillMaskPrediction[] | FillMaskPrediction[][];

const KNOWN = ['topK', 'targets'];

/** Hugging Face's `fill-mask` pipeline: the `topK` likeliest tokens at each `[MASK]`. */
export class FillMaskPipeline {
  readonly task = 'fill-mask';
  private readonly options: PipelineOptions<FillMaskOptions>;
  constructor(
    readonly model: MaskedLMLike,
    readonly tokenizer: TokenizerLike,
    defaults: FillMaskOptions = {},
  ) {
    this.options = new PipelineOptions(this.task, KNOWN, defaults);
  }

  get defaults(): FillMaskOptions {
    return this.options.defaults;
  }

  /** The predictions for one text (a list per `[MASK]` when it has several). */
  async run(input: string, options?: FillMaskOptions): Promise<FillMaskOutput>;
  /** The predictions for each text. */
  async run(input: string[], options?: FillMaskOptions): Promise<FillMaskOutput[]>;
  async run(input: string | string[], options: FillMaskOptions = {}): Promise<FillMaskOutput | FillMaskOutput[]> {
    const opts = this.options.forCall(options);
    const topK = checkTopK(opts.topK ?? 5);
    const { items, single } = toArray(input, isString);
    const targetIds = opts.targets !== undefined ? resolveTargetIds(opts.targets, this.tokenizer) : undefined;
    const maxLength = maxModelLength(this.tokenizer, this.model.config.max_position_embeddings);
    const mask = this.tokenizer.maskToken ?? '[MASK]';
    const encodings = items.map((text, i) => {
      const enc = encodeForModel(this.tokenizer, requireText(text, `input ${i}`), null, maxLength, (n, full) => {
        // A [MASK] in the part cut away cannot be predicted: say so rather than answer for fewer masks.
        const all = maskPositions(full.inputIds, this.tokenizer.maskTokenId);
        const lost = all.filter((p) => p >= maxLength - 1);
        if (lost.length > 0) {
          throw new HeadsError(
            'INPUT_TOO_LONG',
            `input ${i} has ${n} tokens and ${lost.length} of its ${all.length} ${mask} lie beyond the model's ${maxLength} (at token ${lost.join(', ')}): shorten the text around them`,
          );
        }
        this.options.truncated(
          opts,
          `input ${i} has ${n} tokens, more than the model's ${maxLength}; its ${mask} were predicted from the first ${maxLength}`,
        );
      });
      if (maskPositions(enc.inputIds, this.tokenizer.maskTokenId).length === 0) {
        throw new HeadsError('NO_MASK_TOKEN', `input ${i} has no mask token: write ${mask} where a word should be predicted`);
      }
      return enc;
    });
    const vocabSize = this.model.config.vocab_size;
    const results = await runCollated(encodings, opts, this.tokenizer.padTokenId, async (batch, group) => {
      const { logits } = await this.model.forward(batch);
      const seq = batch.inputIds.dims[1];
      return group.map((_, b) => {
        const ids = Array.from(batch.inputIds.data.subarray(b * seq, (b + 1) * seq), Number);
        const rows = fillMaskPostprocess({
          inputIds: ids,
          logits: logits.data.subarray(b * seq * vocabSize, (b + 1) * seq * vocabSize),
          vocabSize,
          topK,
          targetIds,
          tokenizer: this.tokenizer,
        });
        return rows.length === 1 ? rows[0] : rows;
      });
    });
    return single ? results[0] : results;
  }
}
