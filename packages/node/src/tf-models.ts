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
import { type NodeLoadOptions, nodeLoadContext } from './load-context.js';

type Loader<T> = { load(source: never, backend: never, options?: never): Promise<T> };

/** Folder or hub id -> the model, through `Base.load` with this package's backend, source and graph cache. */
async function fromPretrainedWith<T>(Base: Loader<T>, idOrDir: string, options: NodeLoadOptions): Promise<T> {
  const ctx = await nodeLoadContext(idOrDir, options);
  const load = Base.load as (source: unknown, backend: unknown, options: unknown) => Promise<T>;
  return load.call(Base, ctx.source, ctx.backend, { ...ctx.load, graphCache: ctx.graphCache });
}

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
