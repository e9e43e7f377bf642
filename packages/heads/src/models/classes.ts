// The twelve model classes by the names users and config.json's `architectures` give them: the
// Auto classes' registry and the platform factory both go by this one table (PyTorch classes
// first: they are each task's default).
import {
  ConvBertForMaskedLM,
  ConvBertForMultipleChoice,
  ConvBertForQuestionAnswering,
  ConvBertForSequenceClassification,
  ConvBertForTokenClassification,
} from './heads.js';
import { ConvBertModel } from './model.js';
import {
  TFConvBertForMaskedLM,
  TFConvBertForMultipleChoice,
  TFConvBertForQuestionAnswering,
  TFConvBertForSequenceClassification,
  TFConvBertForTokenClassification,
  TFConvBertModel,
} from './tf-heads.js';

export const MODEL_CLASSES = {
  ConvBertModel,
  ConvBertForMaskedLM,
  ConvBertForSequenceClassification,
  ConvBertForTokenClassification,
  ConvBertForQuestionAnswering,
  ConvBertForMultipleChoice,
  TFConvBertModel,
  TFConvBertForMaskedLM,
  TFConvBertForSequenceClassification,
  TFConvBertForTokenClassification,
  TFConvBertForQuestionAnswering,
  TFConvBertForMultipleChoice,
} as const;

export type ModelClasses = typeof MODEL_CLASSES;
