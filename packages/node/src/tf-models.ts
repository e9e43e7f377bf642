// The TensorFlow twins (`TFConvBertModel`, `TFConvBertForX`) with `fromPretrained` on
// onnxruntime-node: they prefer `tf_model.h5` (`fromPT: true` takes the PyTorch checkpoint).
import {
  TFConvBertForMaskedLM as MaskedLM,
  TFConvBertModel as Model,
  TFConvBertForMultipleChoice as MultipleChoice,
  TFConvBertForQuestionAnswering as QuestionAnswering,
  TFConvBertForSequenceClassification as SequenceClassification,
  TFConvBertForTokenClassification as TokenClassification,
} from '@convbert/heads';
import { fromPretrainedWith } from './heads.js';
import type { NodeLoadOptions } from './load-context.js';

export class TFConvBertModel extends Model {
  static fromPretrained(idOrDir: string, options: NodeLoadOptions = {}): Promise<Model> {
    return fromPretrainedWith(Model, idOrDir, options);
  }
}
export class TFConvBertForMaskedLM extends MaskedLM {
  static fromPretrained(idOrDir: string, options: NodeLoadOptions = {}): Promise<MaskedLM> {
    return fromPretrainedWith(MaskedLM, idOrDir, options);
  }
}
export class TFConvBertForSequenceClassification extends SequenceClassification {
  static fromPretrained(idOrDir: string, options: NodeLoadOptions = {}): Promise<SequenceClassification> {
    return fromPretrainedWith(SequenceClassification, idOrDir, options);
  }
}
export class TFConvBertForMultipleChoice extends MultipleChoice {
  static fromPretrained(idOrDir: string, options: NodeLoadOptions = {}): Promise<MultipleChoice> {
    return fromPretrainedWith(MultipleChoice, idOrDir, options);
  }
}
export class TFConvBertForTokenClassification extends TokenClassification {
  static fromPretrained(idOrDir: string, options: NodeLoadOptions = {}): Promise<TokenClassification> {
    return fromPretrainedWith(TokenClassification, idOrDir, options);
  }
}
export class TFConvBertForQuestionAnswering extends QuestionAnswering {
  static fromPretrained(idOrDir: string, options: NodeLoadOptions = {}): Promise<QuestionAnswering> {
    return fromPretrainedWith(QuestionAnswering, idOrDir, options);
  }
}
