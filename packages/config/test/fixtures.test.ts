import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, sep } from 'node:path';
import { FIXTURES_DIR } from '@convbert/test-fixtures';
import { describe, expect, it } from 'vitest';
import { parseConfig, serializeConfig } from '../src/index.js';

function findConfigs(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...findConfigs(p));
    else if (name === 'config.json') out.push(p);
  }
  return out;
}

type Header = Record<string, { dtype: string; shape: number[] }>;

function readSafetensorsHeader(file: string): Header {
  const bytes = readFileSync(file);
  const len = Number(bytes.readBigUInt64LE(0));
  return JSON.parse(bytes.subarray(8, 8 + len).toString('utf8')) as Header;
}

const configs = findConfigs(FIXTURES_DIR);

describe('every config.json of the reference fixtures', () => {
  it('finds the fixture configs', () => {
    // tiny: six heads, tiny-grouped: two, their TensorFlow twins (six and one), the two demonstration models.
    expect(configs.length).toBe(17);
  });

  for (const file of configs) {
    const rel = file.slice(FIXTURES_DIR.length + 1);
    describe(rel, () => {
      const text = readFileSync(file, 'utf8');
      const config = parseConfig(text);

      it('serializes back to the bytes save_pretrained wrote', () => {
        expect(serializeConfig(config)).toBe(text.endsWith('\n') ? text : `${text}\n`);
      });

      it('derives sizes that match the tensor shapes in model.safetensors', () => {
        // A TensorFlow checkpoint holds the weights of its PyTorch twin (checkpoint-tf/<head> = checkpoint/<head>).
        const weights = join(file, '..', 'model.safetensors').replace(`${sep}checkpoint-tf${sep}`, `${sep}checkpoint${sep}`);
        const header = readSafetensorsHeader(weights);
        const prefix = Object.keys(header).some((k) => k.startsWith('convbert.')) ? 'convbert.' : '';
        const t = (name: string) => {
          const entry = header[prefix + name];
          if (!entry) throw new Error(`missing ${prefix + name}`);
          return entry.shape;
        };
        const d = config.derived;
        const k = config.conv_kernel_size;
        const H = config.hidden_size;
        expect(t('embeddings.word_embeddings.weight')).toEqual([config.vocab_size, config.embedding_size]);
        expect(t('embeddings.position_embeddings.weight')).toEqual([config.max_position_embeddings, config.embedding_size]);
        expect(t('embeddings.token_type_embeddings.weight')).toEqual([config.type_vocab_size, config.embedding_size]);
        expect(`${prefix}embeddings_project.weight` in header).toBe(d.usesEmbeddingsProject);
        if (d.usesEmbeddingsProject) expect(t('embeddings_project.weight')).toEqual([H, config.embedding_size]);
        const layers = new Set(Object.keys(header).flatMap((key) => /encoder\.layer\.(\d+)\./.exec(key)?.[1] ?? []));
        expect(layers.size).toBe(config.num_hidden_layers);
        for (let i = 0; i < config.num_hidden_layers; i++) {
          const a = `encoder.layer.${i}.attention.self.`;
          expect(t(`${a}query.weight`)).toEqual([d.allHeadSize, H]);
          expect(t(`${a}key.weight`)).toEqual([d.allHeadSize, H]);
          expect(t(`${a}value.weight`)).toEqual([d.allHeadSize, H]);
          expect(t(`${a}key_conv_attn_layer.depthwise.weight`)).toEqual([H, 1, k]);
          expect(t(`${a}key_conv_attn_layer.pointwise.weight`)).toEqual([d.allHeadSize, H, 1]);
          expect(t(`${a}conv_kernel_layer.weight`)).toEqual([d.numHeads * k, d.allHeadSize]);
          expect(t(`${a}conv_out_layer.weight`)).toEqual([d.allHeadSize, H]);
          expect(2 * d.allHeadSize).toBe(H);
          const inter = t(`encoder.layer.${i}.intermediate.dense.weight`);
          const out = t(`encoder.layer.${i}.output.dense.weight`);
          if (config.num_groups === 1) {
            expect(inter).toEqual([config.intermediate_size, H]);
            expect(out).toEqual([H, config.intermediate_size]);
          } else {
            // GroupedLinearLayer stores [groups, in/groups, out/groups].
            expect(inter).toEqual([config.num_groups, d.hiddenGroupSize, d.intermediateGroupSize]);
            expect(out).toEqual([config.num_groups, d.intermediateGroupSize, d.hiddenGroupSize]);
          }
        }
        const classifier = header['classifier.out_proj.weight'] ?? header['classifier.weight'] ?? header['qa_outputs.weight'];
        if (classifier && config.architectures?.[0] !== 'ConvBertForMultipleChoice') {
          expect(classifier.shape[0]).toBe(config.num_labels);
        }
      });
    });
  }
});
