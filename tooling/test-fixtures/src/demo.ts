// The demo models' reference outputs (fixtures/demo/*/golden, produced by transformers).
import { readdirSync, readFileSync } from 'node:fs';
import { fixturePath } from './index.js';

export interface FillMaskCase {
  text: string;
  input_ids: number[];
  top10_ids: number[];
  top10_tokens: string[];
  top10_probs: number[];
}
export interface SentimentCase {
  text: string;
  input_ids: number[];
  logits: number[];
  pred_label: string;
  score: number;
}

export const fillMaskCases = (): FillMaskCase[] =>
  (JSON.parse(readFileSync(fixturePath('demo', 'convbert-mini-mlm', 'golden', 'fill_mask.json'), 'utf8')) as { cases: FillMaskCase[] })
    .cases;
export const sentimentCases = (): SentimentCase[] =>
  (
    JSON.parse(readFileSync(fixturePath('demo', 'convbert-mini-sst2', 'golden', 'demo_sentences.json'), 'utf8')) as {
      cases: SentimentCase[];
    }
  ).cases;

/** The files of a model folder as `{ path, file }` (what a drop gives), without READMEs and goldens. */
export function folderFiles(dir: string, skip: string[] = []): { path: string; file: Blob }[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile() && !e.name.endsWith('.md') && !skip.includes(e.name))
    .map((e) => ({ path: e.name, file: new Blob([readFileSync(`${dir}/${e.name}`)]) }));
}
