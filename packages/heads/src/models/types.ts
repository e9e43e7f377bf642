// What the pipelines need from a model: its configuration and an async forward pass. The model
// classes of this package implement these; a test can implement them with fixed logits.
import type { ConvBertConfig } from '@convbert/config';
import type { LabelsInput } from '../labels.js';
import type { FloatTensor, IntTensor } from '../tensor.js';

/** `[batch, seq]` int64 tensors (`[batch, choices, seq]` for multiple choice). */
export interface ModelInputs {
  inputIds: IntTensor;
  attentionMask?: IntTensor;
  tokenTypeIds?: IntTensor;
}

/** The encoder's output a pipeline reads. */
export interface BaseModelOutput {
  lastHiddenState: FloatTensor;
}

/** A head's logits, and its loss when labels were given. */
export interface LogitsOutput {
  logits: FloatTensor;
  loss?: number;
}

/** Start and end logits of a question-answering head, and its loss when positions were given. */
export interface QuestionAnsweringOutput {
  startLogits: FloatTensor;
  endLogits: FloatTensor;
  loss?: number;
}

export interface LabelledInputs extends ModelInputs {
  labels?: LabelsInput;
}

export interface QuestionAnsweringInputs extends ModelInputs {
  startPositions?: LabelsInput;
  endPositions?: LabelsInput;
}

interface HasConfig {
  readonly config: ConvBertConfig;
}

/** The bare encoder (`ConvBertModel` of `@convbert/node` / `@convbert/web`, core's `ConvBertEncoder`). */
export interface FeatureExtractionModelLike {
  /** Used for the longest input; a bare ONNX file may come without one. */
  readonly config?: { max_position_embeddings: number } | undefined;
  /** Runs the encoder. */
  forward(inputs: ModelInputs): Promise<BaseModelOutput>;
}
/** What the fill-mask pipeline needs of its model. */
export interface MaskedLMLike extends HasConfig {
  /** Runs the model. */
  forward(inputs: LabelledInputs): Promise<LogitsOutput>;
}
/** What the text-classification pipeline needs of its model. */
export interface SequenceClassificationLike extends HasConfig {
  /** Runs the model. */
  forward(inputs: LabelledInputs): Promise<LogitsOutput>;
}
/** What the token-classification pipeline needs of its model. */
export interface TokenClassificationLike extends HasConfig {
  /** Runs the model. */
  forward(inputs: LabelledInputs): Promise<LogitsOutput>;
}
/** What the multiple-choice pipeline needs of its model. */
export interface MultipleChoiceLike extends HasConfig {
  /** Runs the model. */
  forward(inputs: LabelledInputs): Promise<LogitsOutput>;
}
/** What the question-answering pipeline needs of its model. */
export interface QuestionAnsweringLike extends HasConfig {
  /** Runs the model. */
  forward(inputs: QuestionAnsweringInputs): Promise<QuestionAnsweringOutput>;
}
