// The behaviour suite that every runtime runs (Node, Bun, Deno, workerd), written once as plain
// JavaScript so that each runtime loads it as is. A runtime adapter (local.mjs, workerd.mjs)
// hands in the library under test and a way to read the repository's fixtures; every check
// compares with the Python reference's outputs in fixtures/, never with numbers of this code.
import { ConvBertTokenizer, ConvBertTokenizerFast, tokenizerOptionsFromConfig } from '@convbert/tokenizer';

/**
 * @typedef {object} SuiteEnv
 * @property {string} runtime  e.g. "deno 2.9.6"
 * @property {'node' | 'web'} backend
 * @property {Record<string, any>} lib  `@convbert/node` or `@convbert/web`
 * @property {(path: string) => Promise<string>} readText  a file under the repository root
 * @property {(folder: string) => unknown} model  what `pipeline()` takes for a model folder under the root
 * @property {unknown} defaultModel  the embedded SST-2 model (`undefined`: the package's own default)
 * @property {Record<string, unknown>} loadOptions  extra loading options of this runtime
 */

const SCORE_ATOL = 1e-4;

const camel = (k) => k.replace(/_([a-z])/g, (_, c) => c.toUpperCase());

/** Compares a pipeline result with the reference's, key by key (snake_case or camelCase names). */
function sameResult(got, want, where) {
  if (Array.isArray(want)) {
    if (!Array.isArray(got) || got.length !== want.length) {
      throw new Error(`${where}: ${JSON.stringify(got)?.slice(0, 200)} is not a list of ${want.length}`);
    }
    for (const [i, w] of want.entries()) sameResult(got[i], w, `${where}[${i}]`);
    return;
  }
  if (want !== null && typeof want === 'object') {
    if (got === null || typeof got !== 'object') throw new Error(`${where}: got ${JSON.stringify(got)}`);
    for (const [k, w] of Object.entries(want)) sameResult(got[k] ?? got[camel(k)], w, `${where}.${k}`);
    return;
  }
  if (typeof want === 'number' && !Number.isInteger(want)) {
    if (typeof got !== 'number' || !(Math.abs(got - want) <= SCORE_ATOL)) throw new Error(`${where}: ${got} != ${want} (±${SCORE_ATOL})`);
    return;
  }
  if (got !== want) throw new Error(`${where}: ${JSON.stringify(got)} != ${JSON.stringify(want)}`);
}

const jsonl = (text) =>
  text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l));

async function tokenizerChecks(env, check) {
  const vocab = await env.readText('fixtures/vocab/bert-base-uncased/vocab.txt');
  const tokenizerJson = JSON.parse(await env.readText('fixtures/vocab/bert-base-uncased/tokenizer.json'));
  const baseConfig = JSON.parse(await env.readText('fixtures/tokenizer/tokenizer_files/tokenizer_config.json'));
  for (const file of ['single.jsonl', 'pair.jsonl']) {
    const cases = jsonl(await env.readText(`fixtures/tokenizer/${file}`));
    for (const [kind, make] of [
      ['ConvBertTokenizer', (config) => ConvBertTokenizer.fromVocab(vocab, tokenizerOptionsFromConfig(config))],
      ['ConvBertTokenizerFast', (config) => ConvBertTokenizerFast.fromJSON(tokenizerJson, config)],
    ]) {
      await check(`tokenizer: ${kind} on ${cases.length} cases of ${file}`, () => {
        const made = new Map();
        for (const c of cases) {
          const { vocab: _v, ...kwargs } = c.tokenizer ?? {};
          const config = { ...baseConfig, ...kwargs };
          const key = JSON.stringify(config);
          if (!made.has(key)) made.set(key, make(config));
          const options = c.call.add_special_tokens === undefined ? {} : { addSpecialTokens: c.call.add_special_tokens };
          const e = made.get(key).encode(c.call.text, c.call.text_pair ?? null, options);
          const got = {
            input_ids: e.inputIds,
            token_type_ids: e.tokenTypeIds,
            attention_mask: e.attentionMask,
            special_tokens_mask: e.specialTokensMask,
          };
          for (const [k, want] of Object.entries(c.expected)) {
            if (JSON.stringify(got[k]) !== JSON.stringify(want))
              throw new Error(`${c.id} ${k}: ${JSON.stringify(got[k])} != ${JSON.stringify(want)}`);
          }
        }
      });
    }
  }
}

/** Every case of the reference's pipeline outputs, each task's checkpoint folder loaded once. */
async function pipelineChecks(env, check) {
  const golden = JSON.parse(await env.readText('fixtures/models/tiny/golden/pipelines.json'));
  const byCheckpoint = new Map();
  for (const c of golden.cases) {
    const k = `${c.task}\0${c.checkpoint}`;
    if (!byCheckpoint.has(k)) byCheckpoint.set(k, []);
    byCheckpoint.get(k).push(c);
  }
  for (const cases of byCheckpoint.values()) {
    const { task, checkpoint } = cases[0];
    let pipe;
    await check(`load: ${task} from the checkpoint folder fixtures/models/tiny/${checkpoint} (graph built from safetensors)`, async () => {
      pipe = await env.lib.pipeline(task, env.model(`fixtures/models/tiny/${checkpoint}`), env.loadOptions);
    });
    if (pipe === undefined) continue;
    await check(`${task}: ${cases.length} reference cases (transformers ${golden.transformers})`, async () => {
      const failures = [];
      for (const c of cases) {
        const options = Object.fromEntries(Object.entries(c.kwargs).map(([k, v]) => [camel(k), v]));
        // Sentence pairs are { text, textPair } here, { text, text_pair } in Python.
        const input =
          c.inputs !== null && typeof c.inputs === 'object' && !Array.isArray(c.inputs)
            ? Object.fromEntries(Object.entries(c.inputs).map(([k, v]) => [camel(k), v]))
            : c.inputs;
        try {
          const got = await pipe(input, options);
          sameResult(got, c.output, c.id);
        } catch (err) {
          failures.push(err.message);
        }
      }
      if (failures.length > 0) throw new Error(`${failures.length} of ${cases.length} differ:\n  ${failures.join('\n  ')}`);
    });
    await pipe.dispose();
  }
}

const now = () => performance.now();

/** The embedded default model against PyTorch's predictions; returns the timings measured on it. */
async function defaultModelChecks(env, check) {
  const demo = JSON.parse(await env.readText('fixtures/demo/convbert-mini-sst2/golden/demo_sentences.json')).cases;
  const timings = {};
  let clf;
  await check('load: the embedded default model (convbert-mini-sst2)', async () => {
    const t0 = now();
    clf = await env.lib.pipeline('text-classification', env.defaultModel, env.loadOptions);
    timings.loadMs = now() - t0;
  });
  if (clf === undefined) return timings;
  await check(`default model: PyTorch's label on ${demo.length} demo sentences (score within 1e-2, float16 copy)`, async () => {
    const t0 = now();
    await clf(demo[0].text);
    timings.firstCallMs = now() - t0;
    for (const c of demo) {
      const [top] = await clf(c.text);
      if (top?.label !== c.pred_label || Math.abs(top.score - c.score) > 1e-2) {
        throw new Error(`"${c.text}": ${JSON.stringify(top)}, reference ${c.pred_label} ${c.score}`);
      }
    }
    const warm = [];
    for (let i = 0; i < 5; i++) {
      const t = now();
      await clf(demo[0].text);
      warm.push(now() - t);
    }
    timings.warmCallMs = warm.sort((a, b) => a - b)[2];
  });
  await clf.dispose();
  return timings;
}

async function badInputChecks(env, check) {
  await check('bad input: a folder without a model is a typed error (a `code`), not a raw exception', async () => {
    let err;
    try {
      await env.lib.pipeline('text-classification', env.model('fixtures/tokenizer/tokenizer_files'), env.loadOptions);
    } catch (e) {
      err = e;
    }
    if (err === undefined) throw new Error('loaded a folder that has no model');
    if (typeof err.code !== 'string' || err.code === '') throw new Error(`no code on ${err}`);
  });
}

/** Runs every check; returns the lines to print and the counts. */
export async function runSuite(env) {
  const lines = [];
  let passed = 0;
  let failed = 0;
  const check = async (name, fn) => {
    try {
      await fn();
      passed++;
      lines.push(`ok   ${name}`);
    } catch (err) {
      failed++;
      lines.push(`FAIL ${name}: ${err?.stack ?? err}`);
    }
  };
  const t0 = now();
  await tokenizerChecks(env, check);
  await pipelineChecks(env, check);
  const timings = await defaultModelChecks(env, check);
  await badInputChecks(env, check);
  const round = (x) => (x === undefined ? undefined : Math.round(x * 10) / 10);
  const summary = {
    runtime: env.runtime,
    backend: env.backend,
    loadMs: round(timings.loadMs),
    firstCallMs: round(timings.firstCallMs),
    warmCallMs: round(timings.warmCallMs),
    suiteMs: round(now() - t0),
  };
  lines.push(`timings: ${JSON.stringify(summary)}`);
  lines.push(`${passed} passed, ${failed} failed`);
  return { lines, passed, failed, timings: summary };
}
