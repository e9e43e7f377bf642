import { collate, runBatched } from '../batching.js';
import { HeadsError } from '../errors.js';
import type { QuestionAnsweringLike } from '../models/types.js';
import {
  buildPMask,
  type QaWindow,
  type QuestionAnsweringAnswer,
  questionAnsweringPostprocess,
} from '../postprocess/question-answering.js';
import type { EncodingLike, TokenizerLike } from '../tokenizer.js';
import { type BatchOptions, checkTopK, inputFields, maxModelLength, PipelineOptions, requireText } from './common.js';

/** A question (or several, on the same context) and the context that holds the answer. */
export interface QuestionAnsweringInput {
  question: string | string[];
  context: string;
}

export interface QuestionAnsweringOptions extends BatchOptions {
  /** Answers per question (default 1: one answer object; more: an array, best first). */
  topK?: number;
  /** Tokens shared by consecutive windows of a long context (default min(maxSeqLen / 2, 128)). */
  docStride?: number;
  /** Tokens per window, question included (default min(model length, 384)). */
  maxSeqLen?: number;
  /** Question tokens kept (default 64; longer questions are cut, as the reference's slow path does). */
  maxQuestionLen?: number;
  /**
   * Longest answer in tokens.
   * @default 15
   */
  maxAnswerLen?: number;
  /** Also consider "no answer" (`{ answer: '', start: 0, end: 0 }`, scored by the [CLS] probabilities). */
  handleImpossibleAnswer?: boolean;
  /**
   * Widen answers to whole words.
   * @default true
   */
  alignToWords?: boolean;
}

/** The best answer, or the `topK` best. */
export type QuestionAnsweringResult = QuestionAnsweringAnswer | QuestionAnsweringAnswer[];

interface Example {
  question: string;
  context: string;
  windows: EncodingLike[];
}

const KNOWN = ['topK', 'docStride', 'maxSeqLen', 'maxQuestionLen', 'maxAnswerLen', 'handleImpossibleAnswer', 'alignToWords'];

/** Hugging Face's `question-answering` pipeline: extractive answers, long contexts in overlapping windows (`docStride`). */
export class QuestionAnsweringPipeline {
  readonly task = 'question-answering';
  private readonly options: PipelineOptions<QuestionAnsweringOptions>;
  constructor(
    readonly model: QuestionAnsweringLike,
    readonly tokenizer: TokenizerLike,
    defaults: QuestionAnsweringOptions = {},
  ) {
    this.options = new PipelineOptions(this.task, KNOWN, defaults);
  }

  get defaults(): QuestionAnsweringOptions {
    return this.options.defaults;
  }

  /** The answer(s) to one question. */
  async run(input: { question: string; context: string }, options?: QuestionAnsweringOptions): Promise<QuestionAnsweringResult>;
  async run(
    input: QuestionAnsweringInput | QuestionAnsweringInput[],
    options?: QuestionAnsweringOptions,
  ): Promise<QuestionAnsweringResult[]>;
  async run(
    input: QuestionAnsweringInput | QuestionAnsweringInput[],
    options: QuestionAnsweringOptions = {},
  ): Promise<QuestionAnsweringResult | QuestionAnsweringResult[]> {
    const opts = this.options.forCall(options);
    const topK = checkTopK(opts.topK ?? 1);
    const pairs = this.normalize(input);
    const limit = maxModelLength(this.tokenizer, this.model.config.max_position_embeddings);
    const maxSeqLen = opts.maxSeqLen ?? Math.min(limit, 384);
    if (!Number.isInteger(maxSeqLen) || maxSeqLen < 4 || maxSeqLen > limit) {
      throw new HeadsError('INVALID_OPTION', `maxSeqLen must be an integer in [4, ${limit}] (the model's length), got ${maxSeqLen}`);
    }
    const docStride = opts.docStride ?? Math.min(Math.floor(maxSeqLen / 2), 128);
    if (!Number.isInteger(docStride) || docStride < 0 || docStride > maxSeqLen) {
      throw new HeadsError('INVALID_OPTION', `docStride must be an integer in [0, maxSeqLen = ${maxSeqLen}], got ${docStride}`);
    }
    const maxQuestionLen = opts.maxQuestionLen ?? 64;
    if (!Number.isInteger(maxQuestionLen) || maxQuestionLen < 1) {
      throw new HeadsError('INVALID_OPTION', `maxQuestionLen must be an integer ≥ 1, got ${maxQuestionLen}`);
    }
    const examples: Example[] = pairs.map(({ question, context }, i) => {
      const q = this.truncateQuestion(question, maxQuestionLen, maxSeqLen, docStride, (n, kept) =>
        this.options.truncated(
          opts,
          `question ${i} has ${n} tokens, more than maxQuestionLen = ${maxQuestionLen}; it was cut to ${JSON.stringify(kept)}`,
        ),
      );
      const first = this.tokenizer.encode(q, context, {
        truncation: 'only_second',
        maxLength: maxSeqLen,
        stride: docStride,
        returnOverflowingTokens: true,
        // Windows must cover the whole context, as they did for the reference pipeline.
        completeOverflow: true,
      });
      return { question: q, context, windows: [first, ...Array.from(first.overflowing ?? [])] };
    });
    const flat = examples.flatMap((ex, e) => ex.windows.map((w) => ({ e, w })));
    const logits = await runBatched(
      flat.map((f) => f.w.inputIds.length),
      opts.batchSize ?? 1,
      opts.batching ?? 'bucketed',
      async (group) => {
        const batch = collate(
          group.map((i) => flat[i].w),
          this.tokenizer.padTokenId,
        );
        const out = await this.model.forward(batch);
        const seq = batch.inputIds.dims[1];
        return group.map((i, b) => {
          const len = flat[i].w.inputIds.length;
          return { start: out.startLogits.data.subarray(b * seq, b * seq + len), end: out.endLogits.data.subarray(b * seq, b * seq + len) };
        });
      },
    );
    const results = examples.map((ex, e) => {
      const windows: QaWindow[] = [];
      flat.forEach((f, i) => {
        if (f.e !== e) return;
        if (!f.w.sequenceIds) throw new HeadsError('MODEL_OUTPUT', 'question-answering needs a tokenizer that reports sequence ids');
        windows.push({
          startLogits: logits[i].start,
          endLogits: logits[i].end,
          pMask: buildPMask(f.w.sequenceIds, f.w.inputIds, this.tokenizer.clsTokenId),
          attentionMask: f.w.attentionMask,
          offsets: f.w.offsets,
          wordIds: f.w.wordIds,
          sequenceIds: f.w.sequenceIds,
        });
      });
      const answers = questionAnsweringPostprocess(ex.context, windows, {
        topK,
        maxAnswerLen: opts.maxAnswerLen ?? 15,
        handleImpossibleAnswer: opts.handleImpossibleAnswer ?? false,
        alignToWords: opts.alignToWords ?? true,
      });
      return topK === 1 ? answers[0] : answers;
    });
    const single = !Array.isArray(input) && typeof input.question === 'string';
    return single ? results[0] : results;
  }

  private normalize(input: QuestionAnsweringInput | QuestionAnsweringInput[]): { question: string; context: string }[] {
    const list = Array.isArray(input) ? input : [input];
    if (list.length === 0) throw new HeadsError('EMPTY_INPUT', 'no question given: pass { question, context }');
    return list.flatMap((item, i) => {
      if (item === null || typeof item !== 'object') throw new HeadsError('EMPTY_INPUT', `input ${i} must be { question, context }`);
      // Unknown or mistyped fields are refused; a list of questions is checked one by one below.
      const { question: _q, ...rest } = item as unknown as Record<string, unknown>;
      inputFields(typeof item.question === 'string' ? item : rest, ['question?', 'context?'], `input ${i}`);
      if (item.context === undefined || item.context === null || (typeof item.context === 'string' && item.context.trim() === '')) {
        throw new HeadsError(
          'MISSING_CONTEXT',
          `input ${i} has a question but no context: pass { question, context } with the text to search`,
        );
      }
      const context = requireText(item.context, `input ${i} context`);
      if (item.question === undefined || item.question === null) {
        throw new HeadsError('MISSING_QUESTION', `input ${i} has no question: pass { question, context }`);
      }
      const questions = Array.isArray(item.question) ? item.question : [item.question];
      if (questions.length === 0) throw new HeadsError('MISSING_QUESTION', `input ${i} has an empty list of questions`);
      return questions.map((q, k) => ({ question: requireText(q, `input ${i} question ${k}`), context }));
    });
  }

  /** Cuts the question after `maxQuestionLen` word pieces and checks a window still has room for context. */
  private truncateQuestion(
    question: string,
    maxQuestionLen: number,
    maxSeqLen: number,
    docStride: number,
    onCut: (tokens: number, kept: string) => void,
  ): string {
    const enc = this.tokenizer.encode(question, null, { addSpecialTokens: false });
    let q = question;
    let n = enc.inputIds.length;
    if (n > maxQuestionLen) {
      q = question.slice(0, enc.offsets[maxQuestionLen - 1][1]);
      onCut(n, q);
      n = maxQuestionLen;
    }
    // [CLS] question [SEP] ... [SEP] needs at least one context token.
    if (n + 4 > maxSeqLen) {
      throw new HeadsError(
        'INVALID_OPTION',
        `the question has ${n} tokens, too many for windows of maxSeqLen = ${maxSeqLen}: lower maxQuestionLen or raise maxSeqLen`,
      );
    }
    // Windows advance by (room for context − stride) tokens: the stride must leave room to advance.
    if (docStride >= maxSeqLen - n - 3) {
      throw new HeadsError(
        'INVALID_OPTION',
        `docStride = ${docStride} leaves no room to advance: windows of ${maxSeqLen} tokens hold ${maxSeqLen - n - 3} context tokens after this question; lower docStride`,
      );
    }
    return q;
  }
}
