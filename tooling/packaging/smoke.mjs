// What "it works after `npm install`" means for each package: a runtime import checked by
// a real assertion, and a TypeScript file type-checked against the installed types.
// A package enters this table when its issue lands; until then it is only packed and linted.
export const SMOKE = {
  '@convbert/config': {
    mjs: `import { parseConfig, presetConfig } from '@convbert/config';
const c = parseConfig('{"hidden_size": 40, "num_attention_heads": 7, "head_ratio": 3, "intermediate_size": 80}');
if (c.derived.numHeads !== 2 || c.derived.headSize !== 10) throw new Error('wrong derived sizes');
if (presetConfig('YituTech/conv-bert-small').hidden_size !== 256) throw new Error('wrong preset');
console.log('ok @convbert/config');`,
    ts: `import { parseConfig, type ConvBertConfig, ConvBertConfigError } from '@convbert/config';
const c: ConvBertConfig = parseConfig({ num_labels: 3 });
const heads: number = c.derived.numHeads;
const code: string | undefined = new ConvBertConfigError('CONFIG_INVALID_SIZE', 'x', 'hidden_size').field;
export { heads, code };`,
  },
  '@convbert/tokenizer': {
    mjs: `import { ConvBertTokenizer } from '@convbert/tokenizer';
const t = ConvBertTokenizer.fromVocab(['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]', 'hello', 'world', '##s', ','].join('\\n'));
const e = t.encode('Hello, worlds');
if (e.tokens.join(' ') !== '[CLS] hello , world ##s [SEP]') throw new Error('tokens ' + e.tokens.join(' '));
if (JSON.stringify(e.offsets.slice(3, 5)) !== '[[7,12],[12,13]]') throw new Error('offsets ' + JSON.stringify(e.offsets));
console.log('ok @convbert/tokenizer');`,
    ts: `import { ConvBertTokenizer, ConvBertTokenizerFast, TokenizerError, type Encoding, type EncodeOptions } from '@convbert/tokenizer';
export const o: EncodeOptions = { truncation: 'only_second', maxLength: 64, stride: 16, returnOverflowingTokens: true };
export const f = (t: ConvBertTokenizer | ConvBertTokenizerFast): Encoding => t.encode('a', 'b', o);
export const c: string = new TokenizerError('INVALID_VOCAB', 'x').code;`,
  },
  '@convbert/core': {
    mjs: `import { readSafetensors, writeSafetensors, hubFileRef, HubError } from '@convbert/core';
import { GraphBuilder } from '@convbert/core/graph';
const bytes = writeSafetensors({ w: { dtype: 'F32', shape: [2], data: new Float32Array([1, 2]) } });
if (readSafetensors(bytes).get('w').data[1] !== 2) throw new Error('safetensors round trip');
try { hubFileRef('a/b', '../x'); throw new Error('escaped'); } catch (e) { if (!(e instanceof HubError)) throw e; }
if (new GraphBuilder().toBytes().length === 0) throw new Error('empty graph');
console.log('ok @convbert/core');`,
    ts: `import { type Backend, type ModelSource, CoreError } from '@convbert/core';
import { buildConvBertEncoder } from '@convbert/core/graph';
export const code: string = new CoreError('INVALID_INPUT', 'x').code;
export type B = Backend; export type S = ModelSource; export const f: typeof buildConvBertEncoder = buildConvBertEncoder;`,
  },
  '@convbert/heads': {
    mjs: `import { planBatches, HeadsError } from '@convbert/heads';
import { crossEntropy } from '@convbert/heads/losses';
if (planBatches([3, 5, 3], 2).length !== 2) throw new Error('bucketing');
if (Math.abs(crossEntropy([0, 0], 2, Int32Array.of(1)) - Math.log(2)) > 1e-12) throw new Error('losses subpath');
if (new HeadsError('EMPTY_INPUT', 'x').code !== 'EMPTY_INPUT') throw new Error('error code');
console.log('ok @convbert/heads');`,
    ts: `import { pipeline, type TokenizerLike, HeadsError, ConvBertForSequenceClassification } from '@convbert/heads';
import { crossEntropy } from '@convbert/heads/losses';
export const c: string = new HeadsError('EMPTY_INPUT', 'x').code; export const ce: number = crossEntropy([0, 0], 2, Int32Array.of(1));
export type T = TokenizerLike; export const p: typeof pipeline = pipeline; export const k = ConvBertForSequenceClassification;`,
  },
  '@convbert/models': {
    mjs: `import { EMBEDDED_MODELS, modelDir } from '@convbert/models';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
for (const m of EMBEDDED_MODELS) {
  const config = JSON.parse(readFileSync(join(modelDir(m.name), 'config.json'), 'utf8'));
  if (config.architectures[0] !== m.architecture) throw new Error(m.name + ' is a ' + config.architectures[0]);
  if (statSync(join(modelDir(m.name), 'model.safetensors')).size < 1e6) throw new Error(m.name + ' has no weights');
}
console.log('ok @convbert/models (' + EMBEDDED_MODELS.length + ' models)');`,
    ts: `import { EMBEDDED_MODELS, modelDir, type EmbeddedModel } from '@convbert/models';
export const first: EmbeddedModel | undefined = EMBEDDED_MODELS[0];
export const dir: string = modelDir('convbert-mini-squad');`,
  },
  '@convbert/node': {
    // A Node-only package: its types (the server's, through fastify) use Node's, which a TypeScript
    // app on Node has as @types/node.
    nodeTypes: true,
    mjs: `import { pipeline } from '@convbert/node';
import { execFileSync } from 'node:child_process';
const clf = await pipeline('text-classification');
const [top] = await clf('a gorgeous, witty, seductive movie.');
await clf.dispose();
if (top.label !== 'POSITIVE') throw new Error('expected POSITIVE, got ' + top.label);
const cli = execFileSync('node_modules/.bin/convbert', ['text-classification', 'a gorgeous, witty, seductive movie.'], { encoding: 'utf8' });
if (!cli.startsWith('POSITIVE')) throw new Error('CLI said ' + cli);
console.log('ok @convbert/node (pipeline and CLI: ' + cli.trim() + ')');`,
    ts: `import { pipeline, ConvBertModel, ConvBertForMaskedLM, AutoTokenizer, createPool, type NodeLoadOptions } from '@convbert/node';
export const o: NodeLoadOptions = { device: 'cpu', dtype: 'fp16', revision: 'main' };
export const fns = [pipeline, ConvBertModel.fromPretrained, ConvBertForMaskedLM.fromPretrained, AutoTokenizer.fromPretrained, createPool];`,
  },
};
