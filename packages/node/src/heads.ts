// The task-head classes of @convbert/heads with `fromPretrained` on onnxruntime-node.
import {
  ConvBertForMaskedLM as MaskedLM,
  ConvBertForMultipleChoice as MultipleChoice,
  ConvBertForQuestionAnswering as QuestionAnswering,
  ConvBertForSequenceClassification as SequenceClassification,
  ConvBertForTokenClassification as TokenClassification,
} from '@convbert/heads';
import { type NodeLoadOptions, nodeLoadContext } from './load-context.js';

export type Loader<T> = { load(source: never, backend: never, options?: never): Promise<T> };

/** Folder or hub id -> the head, through `Base.load` with this package's backend, source and graph cache. */
export async function fromPretrainedWith<T>(Base: Loader<T>, idOrDir: string, options: NodeLoadOptions): Promise<T> {
  const ctx = await nodeLoadContext(idOrDir, options);
  const load = Base.load as (source: unknown, backend: unknown, options: unknown) => Promise<T>;
  return load.call(Base, ctx.source, ctx.backend, { ...ctx.load, graphCache: ctx.graphCache });
}

export class ConvBertForMaskedLM extends MaskedLM {
  static fromPretrained(idOrDir: string, options: NodeLoadOptions = {}): Promise<MaskedLM> {
    return fromPretrainedWith(MaskedLM, idOrDir, options);
  }
}
export class ConvBertForSequenceClassification extends SequenceClassification {
  static fromPretrained(idOrDir: string, options: NodeLoadOptions = {}): Promise<SequenceClassification> {
    return fromPretrainedWith(SequenceClassification, idOrDir, options);
  }
}
export class ConvBertForMultipleChoice extends MultipleChoice {
  static fromPretrained(idOrDir: string, options: NodeLoadOptions = {}): Promise<MultipleChoice> {
    return fromPretrainedWith(MultipleChoice, idOrDir, options);
  }
}
export class ConvBertForTokenClassification extends TokenClassification {
  static fromPretrained(idOrDir: string, options: NodeLoadOptions = {}): Promise<TokenClassification> {
    return fromPretrainedWith(TokenClassification, idOrDir, options);
  }
}
export class ConvBertForQuestionAnswering extends QuestionAnswering {
  static fromPretrained(idOrDir: string, options: NodeLoadOptions = {}): Promise<QuestionAnswering> {
    return fromPretrainedWith(QuestionAnswering, idOrDir, options);
  }
}
