import { fileURLToPath } from 'node:url';

/** A trained model shipped in this package: a Hugging Face folder, float16 weights. */
export interface EmbeddedModel {
  /** Folder name under `models/`, also the name `convbert serve` gives it. */
  readonly name: EmbeddedModelName;
  /** The pipeline tasks it is the default model of. */
  readonly tasks: readonly string[];
  /** The `transformers` class its `config.json` names. */
  readonly architecture: string;
  /** What it was fine-tuned and scored on. */
  readonly data: string;
  /** Its score on that data's dev or test split, as its model card reports it. */
  readonly score: string;
}

/** The folder names of the models under `models/`. */
export type EmbeddedModelName =
  | 'convbert-mini-sst2'
  | 'convbert-mini-mlm'
  | 'convbert-mini-conll03'
  | 'convbert-mini-squad'
  | 'convbert-mini-codah';

/**
 * The models, in the order `convbert info` lists them. Scores come from each folder's README.md
 * (its model card), where the training, the data and the limits are described.
 */
export const EMBEDDED_MODELS: readonly EmbeddedModel[] = [
  {
    name: 'convbert-mini-sst2',
    tasks: ['text-classification', 'sentiment-analysis'],
    architecture: 'ConvBertForSequenceClassification',
    data: 'SST-2 (GLUE)',
    score: 'SST-2 dev accuracy: 84.98%',
  },
  {
    name: 'convbert-mini-mlm',
    tasks: ['fill-mask', 'feature-extraction'],
    architecture: 'ConvBertForMaskedLM',
    data: 'SST-2, WikiText-2 and IMDB text; scored on WikiText-2 valid',
    score: 'masked-token accuracy 27.2%',
  },
  {
    name: 'convbert-mini-conll03',
    tasks: ['token-classification', 'ner'],
    architecture: 'ConvBertForTokenClassification',
    data: 'CoNLL-2003 English NER',
    score: 'dev entity F1 75.4',
  },
  {
    name: 'convbert-mini-squad',
    tasks: ['question-answering'],
    architecture: 'ConvBertForQuestionAnswering',
    data: 'SQuAD-shifts, TyDi QA GoldP en, QED, SubjQA; scored on SQuAD v1.1 dev',
    score: 'SQuAD v1.1 dev EM 13.9 / F1 20.0',
  },
  {
    name: 'convbert-mini-codah',
    tasks: ['multiple-choice'],
    architecture: 'ConvBertForMultipleChoice',
    data: 'CODAH (fold 0 train + dev); SWAG could not be obtained; also scored on HellaSwag',
    score: 'CODAH test accuracy 39.5%',
  },
];

/** The folder of an embedded model, on this machine. */
export function modelDir(name: EmbeddedModelName): string {
  return fileURLToPath(new URL(`../models/${name}`, import.meta.url));
}
