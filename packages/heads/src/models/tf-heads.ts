// The TensorFlow twins of the ConvBERT classes (`TFConvBertModel`, `TFConvBertForX`): the same
// graphs, inputs, outputs and losses; what differs is the checkpoint they prefer, `tf_model.h5`
// (`fromPT: true` loads a PyTorch checkpoint instead), as in transformers.
import { type Backend, ConvBertEncoder, type EncoderLoadOptions, type ModelSource } from '@convbert/core';
import type { HeadKind } from './head-graphs.js';
import { type ConvBertHeadModel, type HeadLoadOptions, loadHeadSession } from './head-model.js';
import {
  ConvBertForMaskedLM,
  ConvBertForMultipleChoice,
  ConvBertForQuestionAnswering,
  ConvBertForSequenceClassification,
  ConvBertForTokenClassification,
} from './heads.js';

type HeadCtor<T> = new (...args: ConstructorParameters<typeof ConvBertHeadModel>) => T;

async function loadTF<T>(ctor: HeadCtor<T>, head: HeadKind, source: ModelSource, backend: Backend, options?: HeadLoadOptions): Promise<T> {
  const { session, config, info } = await loadHeadSession(head, source, backend, { ...options, framework: 'tensorflow' });
  return new ctor(session, config, info);
}

/** `TFConvBertModel`: the bare encoder, from `tf_model.h5` by preference. */
export class TFConvBertModel extends ConvBertEncoder {
  static override async load(source: ModelSource, backend: Backend, options: EncoderLoadOptions = {}): Promise<TFConvBertModel> {
    const { session, config, info } = await ConvBertEncoder.createSession(source, backend, { ...options, framework: 'tensorflow' });
    return new TFConvBertModel(session, config, info);
  }
}

/** `TFConvBertForMaskedLM` */
export class TFConvBertForMaskedLM extends ConvBertForMaskedLM {
  static override load(source: ModelSource, backend: Backend, options?: HeadLoadOptions): Promise<TFConvBertForMaskedLM> {
    return loadTF(TFConvBertForMaskedLM, 'masked-lm', source, backend, options);
  }
}

/** `TFConvBertForSequenceClassification` */
export class TFConvBertForSequenceClassification extends ConvBertForSequenceClassification {
  static override load(source: ModelSource, backend: Backend, options?: HeadLoadOptions): Promise<TFConvBertForSequenceClassification> {
    return loadTF(TFConvBertForSequenceClassification, 'sequence-classification', source, backend, options);
  }
}

/** `TFConvBertForMultipleChoice` */
export class TFConvBertForMultipleChoice extends ConvBertForMultipleChoice {
  static override load(source: ModelSource, backend: Backend, options?: HeadLoadOptions): Promise<TFConvBertForMultipleChoice> {
    return loadTF(TFConvBertForMultipleChoice, 'multiple-choice', source, backend, options);
  }
}

/** `TFConvBertForTokenClassification` */
export class TFConvBertForTokenClassification extends ConvBertForTokenClassification {
  static override load(source: ModelSource, backend: Backend, options?: HeadLoadOptions): Promise<TFConvBertForTokenClassification> {
    return loadTF(TFConvBertForTokenClassification, 'token-classification', source, backend, options);
  }
}

/** `TFConvBertForQuestionAnswering` */
export class TFConvBertForQuestionAnswering extends ConvBertForQuestionAnswering {
  static override load(source: ModelSource, backend: Backend, options?: HeadLoadOptions): Promise<TFConvBertForQuestionAnswering> {
    return loadTF(TFConvBertForQuestionAnswering, 'question-answering', source, backend, options);
  }
}
