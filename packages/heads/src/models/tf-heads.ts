// The TensorFlow twins of the ConvBERT classes (`TFConvBertModel`, `TFConvBertForX`): the same
// graphs, inputs, outputs and losses; what differs is the checkpoint they prefer, `tf_model.h5`
// (`fromPT: true` loads a PyTorch checkpoint instead), as in transformers.
import {
  ConvBertForMaskedLM,
  ConvBertForMultipleChoice,
  ConvBertForQuestionAnswering,
  ConvBertForSequenceClassification,
  ConvBertForTokenClassification,
} from './heads.js';
import { ConvBertModel } from './model.js';

/** `TFConvBertModel`: the bare encoder, from `tf_model.h5` by preference. */
export class TFConvBertModel extends ConvBertModel {
  static readonly framework = 'tensorflow';
}

/** `TFConvBertForMaskedLM` */
export class TFConvBertForMaskedLM extends ConvBertForMaskedLM {
  static readonly framework = 'tensorflow';
}

/** `TFConvBertForSequenceClassification` */
export class TFConvBertForSequenceClassification extends ConvBertForSequenceClassification {
  static readonly framework = 'tensorflow';
}

/** `TFConvBertForMultipleChoice` */
export class TFConvBertForMultipleChoice extends ConvBertForMultipleChoice {
  static readonly framework = 'tensorflow';
}

/** `TFConvBertForTokenClassification` */
export class TFConvBertForTokenClassification extends ConvBertForTokenClassification {
  static readonly framework = 'tensorflow';
}

/** `TFConvBertForQuestionAnswering` */
export class TFConvBertForQuestionAnswering extends ConvBertForQuestionAnswering {
  static readonly framework = 'tensorflow';
}
