import { runCollated } from '../batching.js';
import { HeadsError } from '../errors.js';
import type { SequenceClassificationLike } from '../models/types.js';
import {
  type ClassificationFunction,
  type ClassificationLabel,
  defaultFunctionToApply,
  textClassificationPostprocess,
} from '../postprocess/text-classification.js';
import type { TokenizerLike } from '../tokenizer.js';
import { type BatchOptions, checkTopK, encodeForModel, maxModelLength, requireText, toArray } from './common.js';

/** A sentence pair (e.g. premise / hypothesis), encoded as `[CLS] text [SEP] textPair [SEP]`. */
export interface TextPair {
  text: string;
  textPair: string;
}
export type TextClassificationInput = string | TextPair;

export interface TextClassificationOptions extends BatchOptions {
  /** Labels returned per input, best first (default 1; `null` for all). */
  topK?: number | null;
  /** Default by the reference's rule: sigmoid for multi-label or one-label models, else softmax. */
  functionToApply?: ClassificationFunction;
}

const isInput = (x: unknown): x is TextClassificationInput =>
  typeof x === 'string' || (typeof x === 'object' && x !== null && !Array.isArray(x) && 'text' in x);

export class TextClassificationPipeline {
  readonly task = 'text-classification';
  constructor(
    readonly model: SequenceClassificationLike,
    readonly tokenizer: TokenizerLike,
    readonly defaults: TextClassificationOptions = {},
  ) {}

  async run(input: TextClassificationInput, options?: TextClassificationOptions): Promise<ClassificationLabel[]>;
  async run(input: TextClassificationInput[], options?: TextClassificationOptions): Promise<ClassificationLabel[][]>;
  async run(
    input: TextClassificationInput | TextClassificationInput[],
    options: TextClassificationOptions = {},
  ): Promise<ClassificationLabel[] | ClassificationLabel[][]> {
    const opts = { ...this.defaults, ...options };
    const topK = opts.topK === null ? null : checkTopK(opts.topK ?? 1);
    const config = this.model.config;
    const functionToApply = opts.functionToApply ?? defaultFunctionToApply(config);
    const { items, single } = toArray(input, isInput);
    const maxLength = maxModelLength(this.tokenizer, config.max_position_embeddings);
    const encodings = items.map((item, i) => {
      if (typeof item === 'string') return encodeForModel(this.tokenizer, requireText(item, `input ${i}`), null, maxLength);
      if (item.textPair === undefined || item.textPair === null) {
        throw new HeadsError('EMPTY_INPUT', `input ${i} is an object without textPair: pass { text, textPair } or a plain string`);
      }
      return encodeForModel(
        this.tokenizer,
        requireText(item.text, `input ${i} text`),
        requireText(item.textPair, `input ${i} textPair`),
        maxLength,
      );
    });
    const numLabels = config.num_labels;
    const results = await runCollated(encodings, opts, this.tokenizer.padTokenId, async (batch, group) => {
      const { logits } = await this.model.forward(batch);
      return group.map((_, b) =>
        textClassificationPostprocess(logits.data.subarray(b * numLabels, (b + 1) * numLabels), config.id2label, {
          functionToApply,
          topK,
        }),
      );
    });
    return single ? results[0] : results;
  }
}
