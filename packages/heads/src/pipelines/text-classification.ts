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
import { type BatchOptions, checkTopK, encodeForModel, inputFields, maxModelLength, PipelineOptions, requireText } from './common.js';

/**
 * A sentence pair (e.g. premise / hypothesis), encoded as `[CLS] text [SEP] text_pair [SEP]`.
 * `text_pair` is the reference's name; `textPair` is accepted as well.
 */
export type TextPair = { text: string; text_pair: string } | { text: string; textPair: string };
/** A text, or a sentence pair. */
export type TextClassificationInput = string | TextPair;

export interface TextClassificationOptions extends BatchOptions {
  /**
   * Labels returned per input, best first (`null`: all). Not given: the reference's default shape,
   * the best label alone — an object per input (a one-element list for a single string).
   */
  topK?: number | null;
  /** Default by the reference's rule: sigmoid for multi-label or one-label models, else softmax. */
  functionToApply?: ClassificationFunction;
}

const KNOWN = ['topK', 'functionToApply'];

const isOne = (x: unknown): x is TextClassificationInput =>
  typeof x === 'string' || (typeof x === 'object' && x !== null && !Array.isArray(x));

type WithTopK = TextClassificationOptions & { topK: number | null };

/** Hugging Face's `text-classification` (`sentiment-analysis`) pipeline: labels with their scores, for texts or sentence pairs. */
export class TextClassificationPipeline {
  readonly task = 'text-classification';
  private readonly options: PipelineOptions<TextClassificationOptions>;
  constructor(
    readonly model: SequenceClassificationLike,
    readonly tokenizer: TokenizerLike,
    defaults: TextClassificationOptions = {},
  ) {
    this.options = new PipelineOptions(this.task, KNOWN, defaults);
  }

  get defaults(): TextClassificationOptions {
    return this.options.defaults;
  }

  /**
   * The reference's shapes: a string gives a list (of the best label, or of `topK` labels); a
   * `{ text, text_pair }` object gives the best label itself, or a list with `topK`; an array of
   * inputs gives one of those per input.
   */
  async run(input: string, options?: TextClassificationOptions): Promise<ClassificationLabel[]>;
  async run(input: TextPair, options: WithTopK): Promise<ClassificationLabel[]>;
  async run(input: TextPair, options?: TextClassificationOptions): Promise<ClassificationLabel | ClassificationLabel[]>;
  async run(input: TextClassificationInput[], options: WithTopK): Promise<ClassificationLabel[][]>;
  async run(
    input: TextClassificationInput[],
    options?: TextClassificationOptions,
  ): Promise<(ClassificationLabel | ClassificationLabel[])[]>;
  async run(
    input: TextClassificationInput | TextClassificationInput[],
    options: TextClassificationOptions = {},
  ): Promise<ClassificationLabel | ClassificationLabel[] | (ClassificationLabel | ClassificationLabel[])[]> {
    const opts = this.options.forCall(options);
    // Without topK the reference answers in its legacy shape: the best label as an object.
    const legacy = !('topK' in opts);
    const topK = legacy ? 1 : opts.topK === null ? null : checkTopK(opts.topK as number);
    const config = this.model.config;
    const functionToApply = opts.functionToApply ?? defaultFunctionToApply(config);
    if (!isOne(input) && (!Array.isArray(input) || input.length === 0)) {
      throw new HeadsError('EMPTY_INPUT', 'expected a text, a { text, text_pair } object or a non-empty array of them');
    }
    const single = isOne(input);
    const items: TextClassificationInput[] = single ? [input] : [...input];
    const maxLength = maxModelLength(this.tokenizer, config.max_position_embeddings);
    const encodings = items.map((item, i) => {
      const where = `input ${i}`;
      const cut = (n: number) =>
        this.options.truncated(
          opts,
          `${where} has ${n} tokens, more than the model's ${maxLength}; it was classified on its first ${maxLength}`,
        );
      if (typeof item === 'string') return encodeForModel(this.tokenizer, requireText(item, where), null, maxLength, cut);
      if (typeof item !== 'object' || item === null || Array.isArray(item)) {
        throw new HeadsError(
          'INVALID_INPUT',
          `${where} must be a text or { text, text_pair }, got ${Array.isArray(item) ? 'an array' : typeof item}`,
        );
      }
      const { text, textPair } = inputFields(item, ['text', 'textPair'], where);
      if (textPair === undefined) {
        throw new HeadsError('INVALID_INPUT', `${where} is an object without text_pair: pass { text, text_pair } or a plain string`);
      }
      return encodeForModel(
        this.tokenizer,
        requireText(text, `${where} text`),
        requireText(textPair, `${where} text_pair`),
        maxLength,
        cut,
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
    const shaped = legacy ? results.map((labels) => labels[0]) : results;
    if (!single) return shaped;
    // A single string keeps the list form ([best] without topK); a pair object gives what it got.
    return legacy && typeof input === 'string' ? [shaped[0] as ClassificationLabel] : shaped[0];
  }
}
