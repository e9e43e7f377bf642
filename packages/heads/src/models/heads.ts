// The five `ConvBertForX` classes: forward on any backend, typed outputs, loss when labels are given.
import type { ConvBertConfig } from '@convbert/config';
import {
  type Backend,
  type EncoderInputs,
  type ForwardInputs,
  type ModelSource,
  type OutputTensor,
  prepareEncoderFeeds,
} from '@convbert/core';
import type { LabelsInput } from '../labels.js';
import type { ProblemType } from '../losses.js';

/** The losses, loaded with the first labelled call: inference never needs them (nor ships them up front in a web bundle). */
const losses = () => import('../losses.js');

import { type ChoiceInputs, prepareChoiceFeeds } from './choice-inputs.js';
import { HEAD_OUTPUTS, type HeadKind } from './head-graphs.js';
import {
  ConvBertHeadModel,
  type EncoderExtras,
  type HeadForwardOptions,
  type HeadLoadOptions,
  type HeadModelInfo,
  loadHeadSession,
} from './head-model.js';

type FloatTensor = OutputTensor<Float32Array>;

export interface LabelledEncoderInputs extends EncoderInputs {
  labels?: LabelsInput;
}
/** What a head's `forward` takes: core's `ForwardInputs` (tokenizer output, reference names), labels optional. */
export type HeadInputs = LabelledEncoderInputs | (ForwardInputs & { labels?: LabelsInput });
export interface LabelledChoiceInputs extends ChoiceInputs {
  /** `[batch]`: index of the right choice. */
  labels?: LabelsInput;
}
export interface QuestionAnsweringEncoderInputs extends EncoderInputs {
  startPositions?: LabelsInput;
  endPositions?: LabelsInput;
}
type QaInputs =
  | QuestionAnsweringEncoderInputs
  | (ForwardInputs & {
      startPositions?: LabelsInput;
      endPositions?: LabelsInput;
      start_positions?: LabelsInput;
      end_positions?: LabelsInput;
    });

const labelsOf = (inputs: object) => (inputs as { labels?: LabelsInput }).labels;

export interface MaskedLMOutput extends EncoderExtras {
  /** `[batch, seq, vocab_size]` */
  logits: FloatTensor;
  loss?: number;
}
export interface SequenceClassifierOutput extends EncoderExtras {
  /** `[batch, num_labels]` */
  logits: FloatTensor;
  loss?: number;
  /** How the loss was computed (the reference's choice when `problem_type` is unset). */
  problemType?: ProblemType;
}
export interface MultipleChoiceModelOutput extends EncoderExtras {
  /** `[batch, num_choices]` */
  logits: FloatTensor;
  loss?: number;
}
export interface TokenClassifierOutput extends EncoderExtras {
  /** `[batch, seq, num_labels]` */
  logits: FloatTensor;
  loss?: number;
}
export interface QuestionAnsweringModelOutput extends EncoderExtras {
  /** `[batch, seq]` */
  startLogits: FloatTensor;
  endLogits: FloatTensor;
  loss?: number;
}

type HeadCtor<T> = new (...args: ConstructorParameters<typeof ConvBertHeadModel>) => T;

async function load<T>(ctor: HeadCtor<T>, head: HeadKind, source: ModelSource, backend: Backend, options?: HeadLoadOptions): Promise<T> {
  const { session, config, info } = await loadHeadSession(head, source, backend, options);
  return new ctor(session, config, info);
}

function limits(c: ConvBertConfig) {
  return { vocabSize: c.vocab_size, maxPositions: c.max_position_embeddings, typeVocabSize: c.type_vocab_size };
}

abstract class EncoderHead extends ConvBertHeadModel {
  protected feeds(inputs: ForwardInputs) {
    return prepareEncoderFeeds(inputs, limits(this.config)).feeds;
  }
}

/** `ConvBertForMaskedLM`: the generator head over the tied word embeddings. */
export class ConvBertForMaskedLM extends EncoderHead {
  static readonly head: HeadKind = 'masked-lm';
  static load(source: ModelSource, backend: Backend, options?: HeadLoadOptions): Promise<ConvBertForMaskedLM> {
    return load(ConvBertForMaskedLM, 'masked-lm', source, backend, options);
  }
  async forward(inputs: HeadInputs, options?: HeadForwardOptions): Promise<MaskedLMOutput> {
    const { named, extras } = await this.run(this.feeds(inputs), [HEAD_OUTPUTS.logits], options);
    const logits = named[HEAD_OUTPUTS.logits];
    const labels = labelsOf(inputs);
    return { logits, ...extras, ...(labels !== undefined ? { loss: (await losses()).maskedLmLoss(logits, labels) } : {}) };
  }
}

/** `ConvBertForSequenceClassification`: [CLS] → dense → hidden_act → out_proj. */
export class ConvBertForSequenceClassification extends EncoderHead {
  static readonly head: HeadKind = 'sequence-classification';
  static load(source: ModelSource, backend: Backend, options?: HeadLoadOptions): Promise<ConvBertForSequenceClassification> {
    return load(ConvBertForSequenceClassification, 'sequence-classification', source, backend, options);
  }
  async forward(inputs: HeadInputs, options?: HeadForwardOptions): Promise<SequenceClassifierOutput> {
    const { named, extras } = await this.run(this.feeds(inputs), [HEAD_OUTPUTS.logits], options);
    const logits = named[HEAD_OUTPUTS.logits];
    const labels = labelsOf(inputs);
    if (labels === undefined) return { logits, ...extras };
    const { loss, problemType } = (await losses()).sequenceClassificationLoss(logits, labels, this.config);
    return { logits, ...extras, loss, problemType };
  }
}

/** `ConvBertForMultipleChoice`: inputs `[batch, choices, seq]`, the LAST position of each choice → classifier. */
export class ConvBertForMultipleChoice extends ConvBertHeadModel {
  static readonly head: HeadKind = 'multiple-choice';
  static load(source: ModelSource, backend: Backend, options?: HeadLoadOptions): Promise<ConvBertForMultipleChoice> {
    return load(ConvBertForMultipleChoice, 'multiple-choice', source, backend, options);
  }
  async forward(inputs: LabelledChoiceInputs, options?: HeadForwardOptions): Promise<MultipleChoiceModelOutput> {
    const { feeds } = prepareChoiceFeeds(inputs, limits(this.config));
    const { named, extras } = await this.run(feeds, [HEAD_OUTPUTS.logits], options);
    const logits = named[HEAD_OUTPUTS.logits];
    return {
      logits,
      ...extras,
      ...(inputs.labels !== undefined ? { loss: (await losses()).multipleChoiceLoss(logits, inputs.labels) } : {}),
    };
  }
}

/** `ConvBertForTokenClassification`: a Linear on every position. */
export class ConvBertForTokenClassification extends EncoderHead {
  static readonly head: HeadKind = 'token-classification';
  static load(source: ModelSource, backend: Backend, options?: HeadLoadOptions): Promise<ConvBertForTokenClassification> {
    return load(ConvBertForTokenClassification, 'token-classification', source, backend, options);
  }
  async forward(inputs: HeadInputs, options?: HeadForwardOptions): Promise<TokenClassifierOutput> {
    const { named, extras } = await this.run(this.feeds(inputs), [HEAD_OUTPUTS.logits], options);
    const logits = named[HEAD_OUTPUTS.logits];
    const labels = labelsOf(inputs);
    return { logits, ...extras, ...(labels !== undefined ? { loss: (await losses()).tokenClassificationLoss(logits, labels) } : {}) };
  }
}

/** `ConvBertForQuestionAnswering`: a Linear to (start, end) on every position. */
export class ConvBertForQuestionAnswering extends EncoderHead {
  static readonly head: HeadKind = 'question-answering';
  static load(source: ModelSource, backend: Backend, options?: HeadLoadOptions): Promise<ConvBertForQuestionAnswering> {
    return load(ConvBertForQuestionAnswering, 'question-answering', source, backend, options);
  }
  async forward(inputs: QaInputs, options?: HeadForwardOptions): Promise<QuestionAnsweringModelOutput> {
    const { named, extras } = await this.run(this.feeds(inputs), [HEAD_OUTPUTS.startLogits, HEAD_OUTPUTS.endLogits], options);
    const startLogits = named[HEAD_OUTPUTS.startLogits];
    const endLogits = named[HEAD_OUTPUTS.endLogits];
    const out: QuestionAnsweringModelOutput = { startLogits, endLogits, ...extras };
    // The reference computes a loss only when both positions are given.
    const given = inputs as {
      startPositions?: LabelsInput;
      endPositions?: LabelsInput;
      start_positions?: LabelsInput;
      end_positions?: LabelsInput;
    };
    const starts = given.startPositions ?? given.start_positions;
    const ends = given.endPositions ?? given.end_positions;
    if (starts !== undefined && ends !== undefined) out.loss = (await losses()).questionAnsweringLoss(startLogits, endLogits, starts, ends);
    return out;
  }
}

export type { HeadForwardOptions, HeadLoadOptions, HeadModelInfo };
