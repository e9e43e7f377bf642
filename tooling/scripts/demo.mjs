#!/usr/bin/env node
// The main job on the embedded demonstration models, with what exists today: read each
// model's config.json with @convbert/config and print the architecture the graph builder
// will reproduce. (The node package's CLI replaces this with real predictions.)
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseConfig } from '../../packages/config/dist/index.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
for (const name of ['convbert-mini-sst2', 'convbert-mini-mlm']) {
  const config = parseConfig(readFileSync(join(root, 'fixtures/demo', name, 'config.json'), 'utf8'));
  const d = config.derived;
  console.log(`${name} (${config.architectures?.[0]})`);
  console.log(
    `  layers ${config.num_hidden_layers}, hidden ${config.hidden_size}, embedding ${config.embedding_size}${d.usesEmbeddingsProject ? ' (projected)' : ''}`,
  );
  console.log(
    `  per layer: ${d.numHeads} self-attention heads + ${d.numHeads} span-conv heads of ${d.headSize}, kernel ${config.conv_kernel_size}`,
  );
  console.log(`  feed-forward ${config.intermediate_size} in ${config.num_groups} group(s), ${config.hidden_act}`);
  console.log(`  labels: ${Object.values(config.id2label).join(', ')}`);
}
