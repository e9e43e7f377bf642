// The five `ConvBertForX` classes: forward on any backend, typed outputs, loss when labels are given.
import {
  type EncoderInputs,
  type ForwardInputs,
  type ForwardOptions,
  inputLimits,
  type LayerOutputs,
  type OutputTensor,
} from '@convbert/core';
import type { LabelsInput } from '../labels.js';
import type { ProblemType } from '../losses.js';

/** The losses, loaded with the first labelled call: inference never needs them (nor ships them up front in a web bundle). */
const losses = () => import('../losses.js');

import { type ChoiceInputs, prepareChoiceFeeds } from './choice-inputs.js';
import { HEAD_OUTPUTS, type HeadKind } from './head-graphs.js';
import { ConvBertHeadModel } from './head-model.js';

type FloatTensor = OutputTensor<Float32Array>;

/** Encoder inputs with optional `labels` (a loss is returned when they are given). */
export interface LabelledEncoderInputs extends EncoderInputs {
  labels?: LabelsInput;
}
/** What a head's `forward` takes: core's `ForwardInputs` (tokenizer output, reference names), labels optional. */
export type HeadInputs = LabelledEncoderInputs | (ForwardInputs & { labels?: LabelsInput });
/** Multiple-choice inputs with optional `labels`. */
export interface LabelledChoiceInputs extends ChoiceInputs {
  /** `[batch]`: index of the right choice. */
  labels?: LabelsInput;
}
/** Encoder inputs with optional answer start / end positions (a loss is returned when they are given). */
export interface QuestionAnsweringEncoderInputs extends EncoderInputs {
  startPositions?: LabelsInput;
  endPositions?: LabelsInput;
}
interface QaPositions {
  startPositions?: LabelsInput;
  endPositions?: LabelsInput;
  start_positions?: LabelsInput;
  end_positions?: LabelsInput;
}
/** What `ConvBertForQuestionAnswering.forward` takes: inputs, optionally with answer positions (camelCase or the reference's snake_case). */
export type QaInputs = QuestionAnsweringEncoderInputs | (ForwardInputs & QaPositions);

const labelsOf = (inputs: object) => (inputs as { labels?: LabelsInput }).labels;

/** `ConvBertForMaskedLM.forward`'s result (`transformers.MaskedLMOutput`). */
export interface MaskedLMOutput extends LayerOutputs {
  /** `[batch, seq, vocab_size]` */
  logits: FloatTensor;
  loss?: number;
}
/** `ConvBertForSequenceClassification.forward`'s result (`transformers.SequenceClassifierOutput`). */
export interface SequenceClassifierOutput extends LayerOutputs {
  /** `[batch, num_labels]` */
  logits: FloatTensor;
  loss?: number;
  /** How the loss was computed (the reference's choice when `problem_type` is unset). */
  problemType?: ProblemType;
}
/** `ConvBertForMultipleChoice.forward`'s result (`transformers.MultipleChoiceModelOutput`). */
export interface MultipleChoiceModelOutput extends LayerOutputs {
  /** `[batch, num_choices]` */
  logits: FloatTensor;
  loss?: number;
}
/** `ConvBertForTokenClassification.forward`'s result (`transformers.TokenClassifierOutput`). */
export interface TokenClassifierOutput extends LayerOutputs {
  /** `[batch, seq, num_labels]` */
  logits: FloatTensor;
  loss?: number;
}
/** `ConvBertForQuestionAnswering.forward`'s result (`transformers.QuestionAnsweringModelOutput`). */
export interface QuestionAnsweringModelOutput extends LayerOutputs {
  /** `[batch, seq]` */
  startLogits: FloatTensor;
  endLogits: FloatTensor;
  loss?: number;
}

/** `ConvBertForMaskedLM`: the generator head over the tied word embeddings. */
export class ConvBertForMaskedLM extends ConvBertHeadModel {
  static override readonly head: HeadKind = 'masked-lm';
  /** Runs the model: logits over the vocabulary at every position, and the loss when `labels` are given. */
  async forward(inputs: HeadInputs, options?: ForwardOptions): Promise<MaskedLMOutput> {
    const { named, layers } = await this.session.run(this.feeds(inputs), [HEAD_OUTPUTS.logits], options);
    const logits = named[HEAD_OUTPUTS.logits];
    const labels = labelsOf(inputs);
    return { logits, ...layers, ...(labels !== undefined ? { loss: (await losses()).maskedLmLoss(logits, labels) } : {}) };
  }
}

/** `ConvBertForSequenceClassification`: [CLS] → dense → hidden_act → out_proj. */
export class ConvBertForSequenceClassification extends ConvBertHeadModel {
  static override readonly head: HeadKind = 'sequence-classification';
  /** Runs the model: one row of logits per sequence, and the loss when `labels` are given. */
  async forward(inputs: HeadInputs, options?: ForwardOptions): Promise<SequenceClassifierOutput> {
    const { named, layers } = await this.session.run(this.feeds(inputs), [HEAD_OUTPUTS.logits], options);
    const logits = named[HEAD_OUTPUTS.logits];
    const labels = labelsOf(inputs);
    if (labels === undefined) return { logits, ...layers };
    const { loss, problemType } = (await losses()).sequenceClassificationLoss(logits, labels, this.config);
    return { logits, ...layers, loss, problemType };
  }
}

/** `ConvBertForMultipleChoice`: inputs `[batch, choices, seq]`, the LAST position of each choice → classifier. */
export class ConvBertForMultipleChoice extends ConvBertHeadModel {
  static override readonly head: HeadKind = 'multiple-choice';
  /** Runs the model: one logit per choice, and the loss when `labels` are given. */
  async forward(inputs: LabelledChoiceInputs, options?: ForwardOptions): Promise<MultipleChoiceModelOutput> {
    const { feeds } = prepareChoiceFeeds(inputs, inputLimits(this.config));
    const { named, layers } = await this.session.run(feeds, [HEAD_OUTPUTS.logits], options);
    const logits = named[HEAD_OUTPUTS.logits];
    return {
      logits,
      ...layers,
      ...(inputs.labels !== undefined ? { loss: (await losses()).multipleChoiceLoss(logits, inputs.labels) } : {}),
    };
  }
}

/** `ConvBertForTokenClassification`: a Linear on every position. */
export class ConvBertForTokenClassification extends ConvBertHeadModel {
  static override readonly head: HeadKind = 'token-classification';
  /** Runs the model: logits per token, and the loss when `labels` are given. */
  async forward(inputs: HeadInputs, options?: ForwardOptions): Promise<TokenClassifierOutput> {
    const { named, layers } = await this.session.run(this.feeds(inputs), [HEAD_OUTPUTS.logits], options);
    const logits = named[HEAD_OUTPUTS.logits];
    const labels = labelsOf(inputs);
    return { logits, ...layers, ...(labels !== undefined ? { loss: (await losses()).tokenClassificationLoss(logits, labels) } : {}) };
  }
}

/** `ConvBertForQuestionAnswering`: a Linear to (start, end) on every position. */
export class ConvBertForQuestionAnswering extends ConvBertHeadModel {
  static override readonly head: HeadKind = 'question-answering';
  /** Runs the model: start and end logits per token, and the loss when answer positions are given. */
  async forward(inputs: QaInputs, options?: ForwardOptions): Promise<QuestionAnsweringModelOutput> {
    const outputs = [HEAD_OUTPUTS.startLogits, HEAD_OUTPUTS.endLogits];
    const { named, layers } = await this.session.run(this.feeds(inputs), outputs, options);
    const startLogits = named[HEAD_OUTPUTS.startLogits];
    const endLogits = named[HEAD_OUTPUTS.endLogits];
    const out: QuestionAnsweringModelOutput = { startLogits, endLogits, ...layers };
    // The reference computes a loss only when both positions are given.
    const given = inputs as QaPositions;
    const starts = given.startPositions ?? given.start_positions;
    const ends = given.endPositions ?? given.end_positions;
    if (starts !== undefined && ends !== undefined) out.loss = (await losses()).questionAnsweringLoss(startLogits, endLogits, starts, ends);
    return out;
  }
}
