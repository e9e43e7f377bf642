#!/usr/bin/env node
// SQuAD v1.1 dev predictions of a question-answering folder through @convbert/node's pipeline (each
// question alone, unpadded, the pipeline's defaults), for metrics.py to score. PyTorch's eager ConvBERT
// takes ~0.2 s a question on one busy core (35 minutes for the dev set); ONNX Runtime a tenth of that.
// The pipeline gives Hugging Face 4.36.2's answers (packages/node/test/task-models.test.ts checks it on
// this model's golden cases), so the scores are the reference pipeline's.
//   node squad_predict.mjs <model folder> <dev-v1.1.json> <predictions.json>
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { pipeline } from '../../packages/node/dist/index.js';

const [folder, devPath, out] = process.argv.slice(2);
const dev = JSON.parse(readFileSync(devPath, 'utf8')).data;
const qa = await pipeline('question-answering', folder);
const predictions = {};
let n = 0;
const started = Date.now();
for (const article of dev) {
  for (const p of article.paragraphs) {
    for (const q of p.qas) {
      predictions[q.id] = (await qa({ question: q.question, context: p.context })).answer;
      if (++n % 1000 === 0) console.error(`${n} questions, ${((Date.now() - started) / 1000).toFixed(0)} s`);
    }
  }
}
await qa.dispose();
writeFileSync(`${out}.tmp`, JSON.stringify(predictions));
renameSync(`${out}.tmp`, out);
console.error(`${n} questions in ${((Date.now() - started) / 1000).toFixed(0)} s -> ${out}`);
