// `AutoConfig`, `AutoModel`, `AutoModelFor<Task>` of @convbert/heads loading through the browser
// (hub id, folder URL or any ModelSource), as in `@convbert/node`: the class comes from config.json.
import { makeAutoClasses } from '@convbert/heads';
import { backendFor } from './backends.js';
import { coreLoadOptions, type WebLoadOptions } from './encoder.js';
import { type ModelRef, resolveSource } from './source.js';

export const {
  AutoConfig,
  AutoModel,
  AutoModelForMaskedLM,
  AutoModelForMultipleChoice,
  AutoModelForQuestionAnswering,
  AutoModelForSequenceClassification,
  AutoModelForTokenClassification,
} = makeAutoClasses(async (model: ModelRef, options: WebLoadOptions) => ({
  source: resolveSource(model, options),
  backend: backendFor(options.device),
  load: coreLoadOptions(options),
}));
