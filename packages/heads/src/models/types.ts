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

export interface BaseModelOutput {
  lastHiddenState: FloatTensor;
}

export interface LogitsOutput {
  logits: FloatTensor;
  loss?: number;
}

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
  forward(inputs: ModelInputs): Promise<BaseModelOutput>;
}
export interface MaskedLMLike extends HasConfig {
  forward(inputs: LabelledInputs): Promise<LogitsOutput>;
}
export interface SequenceClassificationLike extends HasConfig {
  forward(inputs: LabelledInputs): Promise<LogitsOutput>;
}
export interface TokenClassificationLike extends HasConfig {
  forward(inputs: LabelledInputs): Promise<LogitsOutput>;
}
export interface MultipleChoiceLike extends HasConfig {
  forward(inputs: LabelledInputs): Promise<LogitsOutput>;
}
export interface QuestionAnsweringLike extends HasConfig {
  forward(inputs: QuestionAnsweringInputs): Promise<QuestionAnsweringOutput>;
}
