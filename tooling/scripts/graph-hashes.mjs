#!/usr/bin/env node
// Hashes the ONNX bytes every loader of @convbert/node hands its backend, for each fixture checkpoint,
// class, dtype and weights mode (embedded / in place), so that a refactor of the graph builder can
// show its graphs are byte-identical: run it against two built checkouts and diff the outputs.
//   node tooling/scripts/graph-hashes.mjs <checkout> > hashes.txt   (default: this checkout)
import { createHash } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '../..');
const node = await import(join(repo, 'packages/node/dist/index.js'));
const F = join(repo, 'fixtures');
const dirs = [];
for (const cfg of ['tiny', 'tiny-grouped']) {
  for (const kind of ['checkpoint', 'checkpoint-tf']) {
    const root = join(F, 'models', cfg, kind);
    if (!existsSync(root)) continue;
    for (const h of readdirSync(root)) dirs.push([`${cfg}/${kind}/${h}`, join(root, h), h, kind === 'checkpoint-tf']);
  }
}
for (const d of ['convbert-mini-mlm', 'convbert-mini-sst2'])
  dirs.push([`demo/${d}`, join(F, 'demo', d), d.endsWith('mlm') ? 'masked-lm' : 'sequence-classification', false]);
const CLASS = {
  base: 'ConvBertModel',
  'masked-lm': 'ConvBertForMaskedLM',
  'sequence-classification': 'ConvBertForSequenceClassification',
  'token-classification': 'ConvBertForTokenClassification',
  'question-answering': 'ConvBertForQuestionAnswering',
  'multiple-choice': 'ConvBertForMultipleChoice',
};
function backend(externalData, out) {
  return {
    name: 'capture',
    externalData,
    async createSession(bytes) {
      out.push(bytes);
      return { inputNames: [], outputNames: [], run: async () => ({}), release: async () => {} };
    },
  };
}
const lines = [];
for (const [label, dir, head, tf] of dirs) {
  const heads = head === 'base' ? ['base'] : ['base', head];
  for (const h of heads) {
    for (const prefix of tf ? ['TF'] : ['', 'TF']) {
      const cls = node[prefix + CLASS[h]];
      for (const dtype of ['fp32', 'fp16', 'int8', 'uint8']) {
        for (const ext of [false, true]) {
          const out = [];
          try {
            const m = await cls.fromPretrained(dir, {
              backend: backend(ext, out),
              dtype,
              graphCache: false,
              ...(tf ? {} : prefix ? { fromPT: true } : {}),
            });
            await m.dispose();
            lines.push(
              `${label} ${prefix}${CLASS[h]} ${dtype} ${ext ? 'inplace' : 'embedded'} ${createHash('sha256').update(out[0]).digest('hex')} ${out[0].byteLength}`,
            );
          } catch (e) {
            lines.push(`${label} ${prefix}${CLASS[h]} ${dtype} ${ext ? 'inplace' : 'embedded'} ERROR ${e.code ?? e.message}`);
          }
        }
      }
    }
  }
}
console.log(lines.join('\n'));
