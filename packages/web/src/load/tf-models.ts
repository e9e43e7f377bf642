// The TensorFlow twins (`TFConvBertModel`, `TFConvBertForX`) loading through the browser: they
// prefer `tf_model.h5` (`fromPT: true` takes the PyTorch checkpoint). The HDF5 reader is fetched
// only when a tf_model.h5 is read (a dynamic import in @convbert/core), so it is not in the main bundle.
import type { ConvBertConfig } from '@convbert/config';
import { ConvBertEncoder, type Session } from '@convbert/core';
import * as heads from '@convbert/heads';
import { WebError } from '../errors.js';
import type { WebDevice } from '../ort/backend.js';
import { backendFor } from './backends.js';
import { coreLoadOptions, type WebLoadOptions } from './encoder.js';
import type { WebHeadLoadOptions } from './models.js';
import { type ModelRef, resolveSource } from './source.js';

function tfSession(kind: heads.HeadKind, model: ModelRef, options: WebHeadLoadOptions) {
  const source = resolveSource(model, options);
  const backend = backendFor(options.device as WebDevice | undefined);
  return heads.loadHeadSession(kind, source, backend, { ...coreLoadOptions(options), framework: 'tensorflow' });
}

/** `TFConvBertModel`: the bare encoder. */
export class TFConvBertModel extends heads.TFConvBertModel {
  declare readonly config: ConvBertConfig;
  static async fromPretrained(model: ModelRef, options: WebLoadOptions = {}): Promise<TFConvBertModel> {
    const source = resolveSource(model, options);
    const { session, config, info } = await ConvBertEncoder.createSession(source, backendFor(options.device), {
      ...coreLoadOptions(options),
      framework: 'tensorflow',
    });
    if (config === undefined) {
      await session.release();
      throw new WebError('MODEL_FILES_MISSING', `${source.id} has no config.json: TFConvBertModel needs it next to the ONNX file`);
    }
    return new TFConvBertModel(session as Session, config, info);
  }
}

export class TFConvBertForMaskedLM extends heads.TFConvBertForMaskedLM {
  static async fromPretrained(model: ModelRef, options: WebHeadLoadOptions = {}): Promise<TFConvBertForMaskedLM> {
    const { session, config, info } = await tfSession('masked-lm', model, options);
    return new TFConvBertForMaskedLM(session, config, info);
  }
}

export class TFConvBertForSequenceClassification extends heads.TFConvBertForSequenceClassification {
  static async fromPretrained(model: ModelRef, options: WebHeadLoadOptions = {}): Promise<TFConvBertForSequenceClassification> {
    const { session, config, info } = await tfSession('sequence-classification', model, options);
    return new TFConvBertForSequenceClassification(session, config, info);
  }
}

export class TFConvBertForTokenClassification extends heads.TFConvBertForTokenClassification {
  static async fromPretrained(model: ModelRef, options: WebHeadLoadOptions = {}): Promise<TFConvBertForTokenClassification> {
    const { session, config, info } = await tfSession('token-classification', model, options);
    return new TFConvBertForTokenClassification(session, config, info);
  }
}

export class TFConvBertForQuestionAnswering extends heads.TFConvBertForQuestionAnswering {
  static async fromPretrained(model: ModelRef, options: WebHeadLoadOptions = {}): Promise<TFConvBertForQuestionAnswering> {
    const { session, config, info } = await tfSession('question-answering', model, options);
    return new TFConvBertForQuestionAnswering(session, config, info);
  }
}

export class TFConvBertForMultipleChoice extends heads.TFConvBertForMultipleChoice {
  static async fromPretrained(model: ModelRef, options: WebHeadLoadOptions = {}): Promise<TFConvBertForMultipleChoice> {
    const { session, config, info } = await tfSession('multiple-choice', model, options);
    return new TFConvBertForMultipleChoice(session, config, info);
  }
}
