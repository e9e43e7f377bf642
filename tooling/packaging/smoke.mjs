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
};
