// The model classes of `@convbert/node`, loading through the browser: `fromPretrained(model, options)`
// takes a hub id, a folder URL or any ModelSource (dropped files, memory) and a device.
import type { ConvBertConfig } from '@convbert/config';
import { ConvBertEncoder, type Session } from '@convbert/core';
import * as heads from '@convbert/heads';
import { WebError } from '../errors.js';
import type { WebDevice } from '../ort/backend.js';
import { backendFor } from './backends.js';
import { checkWebLoadOptions, coreLoadOptions, type WebLoadOptions } from './encoder.js';
import type { ModelRef } from './source.js';
import { resolveSource } from './source.js';

type HeadOptions = Omit<heads.HeadLoadOptions, 'graphCache'> & WebLoadOptions;

async function headSession(kind: heads.HeadKind, model: ModelRef, raw: HeadOptions) {
  const options = checkWebLoadOptions(raw, 'fromPretrained options');
  return heads.loadHeadSession(
    kind,
    resolveSource(model, options),
    backendFor(options.device as WebDevice | undefined),
    coreLoadOptions(options),
  );
}

/** `ConvBertModel`: the bare encoder (hidden states; attentions and convolution kernels when built from a checkpoint). */
export class ConvBertModel extends ConvBertEncoder {
  declare readonly config: ConvBertConfig;
  static async fromPretrained(model: ModelRef, raw: WebLoadOptions = {}): Promise<ConvBertModel> {
    const options = checkWebLoadOptions(raw, 'fromPretrained options');
    const source = resolveSource(model, options);
    const { session, config, info } = await ConvBertEncoder.createSession(source, backendFor(options.device), coreLoadOptions(options));
    if (config === undefined) {
      await session.release();
      throw new WebError('MODEL_FILES_MISSING', `${source.id} has no config.json: ConvBertModel needs it next to the ONNX file`);
    }
    return new ConvBertModel(session as Session, config, info);
  }
}

export class ConvBertForMaskedLM extends heads.ConvBertForMaskedLM {
  static async fromPretrained(model: ModelRef, options: HeadOptions = {}): Promise<ConvBertForMaskedLM> {
    const { session, config, info } = await headSession('masked-lm', model, options);
    return new ConvBertForMaskedLM(session, config, info);
  }
}

export class ConvBertForSequenceClassification extends heads.ConvBertForSequenceClassification {
  static async fromPretrained(model: ModelRef, options: HeadOptions = {}): Promise<ConvBertForSequenceClassification> {
    const { session, config, info } = await headSession('sequence-classification', model, options);
    return new ConvBertForSequenceClassification(session, config, info);
  }
}

export class ConvBertForTokenClassification extends heads.ConvBertForTokenClassification {
  static async fromPretrained(model: ModelRef, options: HeadOptions = {}): Promise<ConvBertForTokenClassification> {
    const { session, config, info } = await headSession('token-classification', model, options);
    return new ConvBertForTokenClassification(session, config, info);
  }
}

export class ConvBertForQuestionAnswering extends heads.ConvBertForQuestionAnswering {
  static async fromPretrained(model: ModelRef, options: HeadOptions = {}): Promise<ConvBertForQuestionAnswering> {
    const { session, config, info } = await headSession('question-answering', model, options);
    return new ConvBertForQuestionAnswering(session, config, info);
  }
}

export class ConvBertForMultipleChoice extends heads.ConvBertForMultipleChoice {
  static async fromPretrained(model: ModelRef, options: HeadOptions = {}): Promise<ConvBertForMultipleChoice> {
    const { session, config, info } = await headSession('multiple-choice', model, options);
    return new ConvBertForMultipleChoice(session, config, info);
  }
}

export type WebHeadLoadOptions = HeadOptions;
