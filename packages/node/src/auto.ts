// `AutoConfig`, `AutoModel`, `AutoModelFor<Task>` of @convbert/heads with `fromPretrained` on
// onnxruntime-node (folder or hub id, this package's graph cache): the class comes from config.json.
import { makeAutoClasses } from '@convbert/heads';
import { type NodeLoadOptions, nodeLoadContext } from './load-context.js';

export const {
  AutoConfig,
  AutoModel,
  AutoModelForMaskedLM,
  AutoModelForMultipleChoice,
  AutoModelForQuestionAnswering,
  AutoModelForSequenceClassification,
  AutoModelForTokenClassification,
} = makeAutoClasses(async (idOrDir: string, options: NodeLoadOptions) => {
  const ctx = await nodeLoadContext(idOrDir, options);
  return { source: ctx.source, backend: ctx.backend, load: { ...ctx.load, graphCache: ctx.graphCache } };
});
