import { collate, runBatched } from '../batching.js';
import { HeadsError } from '../errors.js';
import type { MultipleChoiceLike } from '../models/types.js';
import { type MultipleChoiceScore, multipleChoicePostprocess } from '../postprocess/multiple-choice.js';
import type { TokenizerLike } from '../tokenizer.js';
import { type BatchOptions, encodeForModel, maxModelLength, PipelineOptions, requireText } from './common.js';

/** One multiple-choice question: a prompt and the choices that may complete it. */
export interface MultipleChoiceInput {
  prompt: string;
  choices: string[];
}

/** Options of the multiple-choice pipeline (batching only). */
export type MultipleChoiceOptions = BatchOptions;

/**
 * Scores the choices of a prompt with `ConvBertForMultipleChoice`: each (prompt, choice) pair is
 * one row, and the scores are a softmax over the prompt's choices. Rows do not interact in the
 * model, so in `bucketed` mode each row runs unpadded, exactly as alone; in `padded` mode a batch's
 * rows are padded to its longest, as the reference's examples pad all choices of a prompt.
 */
export class MultipleChoicePipeline {
  readonly task = 'multiple-choice';
  private readonly options: PipelineOptions<MultipleChoiceOptions>;
  constructor(
    readonly model: MultipleChoiceLike,
    readonly tokenizer: TokenizerLike,
    defaults: MultipleChoiceOptions = {},
  ) {
    this.options = new PipelineOptions(this.task, [], defaults);
  }

  get defaults(): MultipleChoiceOptions {
    return this.options.defaults;
  }

  /** Scores of the choices, best first: `(prompt, choices)`, `{ prompt, choices }`, or an array of those objects. */
  async run(prompt: string, choices: string[], options?: MultipleChoiceOptions): Promise<MultipleChoiceScore[]>;
  /** The choices scored for one question, best first. */
  async run(input: MultipleChoiceInput, options?: MultipleChoiceOptions): Promise<MultipleChoiceScore[]>;
  /** The choices scored for each question. */
  async run(inputs: MultipleChoiceInput[], options?: MultipleChoiceOptions): Promise<MultipleChoiceScore[][]>;
  async run(
    a: string | MultipleChoiceInput | MultipleChoiceInput[],
    b?: string[] | MultipleChoiceOptions,
    c?: MultipleChoiceOptions,
  ): Promise<MultipleChoiceScore[] | MultipleChoiceScore[][]> {
    const positional = typeof a === 'string';
    const single = positional || (typeof a === 'object' && a !== null && !Array.isArray(a));
    const inputs: MultipleChoiceInput[] = positional
      ? [{ prompt: a, choices: b as string[] }]
      : single
        ? [a as MultipleChoiceInput]
        : (a as MultipleChoiceInput[]);
    const opts = this.options.forCall(positional ? c : b);
    if (!Array.isArray(inputs) || inputs.length === 0) {
      throw new HeadsError('EMPTY_INPUT', 'no prompt given: pass (prompt, choices) or { prompt, choices }');
    }
    const maxLength = maxModelLength(this.tokenizer, this.model.config.max_position_embeddings);
    const rows = inputs.flatMap((input, i) => {
      if (input === null || typeof input !== 'object') throw new HeadsError('INVALID_INPUT', `input ${i} must be { prompt, choices }`);
      const unknown = Object.keys(input).filter((k) => k !== 'prompt' && k !== 'choices');
      if (unknown.length > 0) {
        throw new HeadsError('INVALID_INPUT', `input ${i} has an unknown field "${unknown[0]}": pass { prompt, choices }`);
      }
      const prompt = requireText(input.prompt, `prompt ${i}`);
      if (!Array.isArray(input.choices) || input.choices.length === 0) {
        throw new HeadsError('INVALID_CHOICES', `prompt ${i} has no choices: pass a non-empty array of strings`);
      }
      return input.choices.map((choice, k) => ({
        input: i,
        enc: encodeForModel(this.tokenizer, prompt, requireText(choice, `prompt ${i} choice ${k}`), maxLength, (n) =>
          this.options.truncated(
            opts,
            `prompt ${i} with choice ${k} has ${n} tokens, more than the model's ${maxLength}; it was scored on its first ${maxLength}`,
          ),
        ),
      }));
    });
    const logits = await runBatched(
      rows.map((r) => r.enc.inputIds.length),
      opts.batchSize ?? 1,
      opts.batching ?? 'bucketed',
      async (group) => {
        const batch = collate(
          group.map((i) => rows[i].enc),
          this.tokenizer.padTokenId,
        );
        // All rows of the call as the choices of one prompt: [1, rows, seq] → logits [1, rows].
        const view = (t: typeof batch.inputIds) => ({ data: t.data, dims: [1, ...t.dims] });
        const out = await this.model.forward({
          inputIds: view(batch.inputIds),
          attentionMask: view(batch.attentionMask),
          tokenTypeIds: view(batch.tokenTypeIds),
        });
        if (out.logits.data.length !== group.length) {
          throw new HeadsError(
            'MODEL_OUTPUT',
            `multiple-choice model returned ${out.logits.data.length} logits for ${group.length} choices`,
          );
        }
        return group.map((_, k) => out.logits.data[k]);
      },
    );
    const results = inputs.map((input, i) => {
      const own = rows.flatMap((r, k) => (r.input === i ? [logits[k]] : []));
      return multipleChoicePostprocess(own, input.choices);
    });
    return single ? results[0] : results;
  }
}
