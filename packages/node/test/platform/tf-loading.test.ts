// The TFConvBert* classes of @convbert/node on folders and hub repos: golden outputs from
// tf_model.h5, the fromTF / fromPT round trips, and a hub load that downloads only the file it uses.
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CONFIG_NAMES, checkpointDir, fixturePath } from '@convbert/test-fixtures';
import { type HubServer, startHubServer } from '@convbert/test-fixtures/hub-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConvBertModel, CoreError, pipeline, TFConvBertForSequenceClassification, TFConvBertModel } from '../../src/index.js';
import { goldenBase, maxAbs } from '../helpers/golden.js';

const tfDir = (config: (typeof CONFIG_NAMES)[number], head: string) => fixturePath('models', config, 'checkpoint-tf', head);
const noCache = { graphCache: false } as const;

for (const config of CONFIG_NAMES) {
  describe(`${config}: TFConvBertModel.fromPretrained(checkpoint-tf/base)`, () => {
    it('every base golden case within 1e-5, from tf_model.h5', async () => {
      const model = await TFConvBertModel.fromPretrained(tfDir(config, 'base'), noCache);
      expect(model.info.file).toBe('tf_model.h5');
      for (const c of goldenBase(config)) {
        const out = await model.forward(c.inputs);
        expect(maxAbs(out.lastHiddenState.data, c.outputs.last_hidden_state as Float32Array), c.name).toBeLessThanOrEqual(1e-5);
      }
      await model.dispose();
    });
  });
}

describe('fromTF / fromPT', () => {
  const [c] = goldenBase('tiny');
  const run = async (m: { forward: ConvBertModel['forward']; dispose(): Promise<void> }) => {
    const out = await m.forward(c!.inputs);
    await m.dispose();
    return out.lastHiddenState.data;
  };

  it('a PyTorch class on a TF-only folder says which files it looked for and that fromTF loads it', async () => {
    const e = await ConvBertModel.fromPretrained(tfDir('tiny', 'base'), noCache).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(CoreError);
    expect((e as CoreError).code).toBe('MODEL_FILES_MISSING');
    expect((e as CoreError).message).toMatch(/model\.safetensors, pytorch_model\.bin.*fromTF: true/);
  });

  it('ConvBertModel with fromTF and TFConvBertModel with fromPT give the same outputs as their own formats', async () => {
    const ptOnTf = await ConvBertModel.fromPretrained(tfDir('tiny', 'base'), { ...noCache, fromTF: true });
    expect(ptOnTf.info.file).toBe('tf_model.h5');
    const tfOnPt = await TFConvBertModel.fromPretrained(checkpointDir('tiny', 'base'), { ...noCache, fromPT: true });
    expect(tfOnPt.info.file).toBe('model.safetensors');
    const a = await run(ptOnTf);
    const b = await run(tfOnPt);
    expect(Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength))).toBe(true);
    expect(maxAbs(a, c!.outputs.last_hidden_state as Float32Array)).toBeLessThanOrEqual(1e-5);
  });

  it('a TF class reads model.safetensors without fromPT (framework-neutral, as the reference does)', async () => {
    const m = await TFConvBertForSequenceClassification.fromPretrained(checkpointDir('tiny', 'sequence-classification'), noCache);
    expect(m.info.file).toBe('model.safetensors');
    await m.dispose();
  });
});

describe('pipeline() on a TF-only folder (the framework inferred, as transformers does)', () => {
  it('text-classification gives the reference pipeline output', async () => {
    const cases = JSON.parse(readFileSync(fixturePath('models', 'tiny', 'golden', 'pipelines.json'), 'utf8')).cases as {
      task: string;
      checkpoint: string;
      inputs: unknown;
      kwargs: Record<string, unknown>;
      output: { label: string; score: number }[];
    }[];
    const c = cases.find((x) => x.task === 'text-classification' && Object.keys(x.kwargs).length === 0 && typeof x.inputs === 'string')!;
    expect(c.checkpoint).toBe('checkpoint/sequence-classification');
    const classify = await pipeline('text-classification', tfDir('tiny', 'sequence-classification'), noCache);
    const out = (await classify(c.inputs as string)) as { label: string; score: number }[];
    await classify.dispose();
    expect(out.map((o) => o.label)).toEqual(c.output.map((o) => o.label));
    for (const [i, o] of out.entries()) expect(Math.abs(o.score - (c.output[i]?.score as number))).toBeLessThanOrEqual(1e-5);
  });
});

describe('hub: only the weights file the class uses is downloaded', () => {
  let server: HubServer;
  let repoDir: string;
  let cacheDir: string;
  beforeAll(async () => {
    // a repo with both flavours, as most hub repos of the reference have
    repoDir = mkdtempSync(join(tmpdir(), 'convbert-both-'));
    for (const f of ['config.json', 'model.safetensors']) copyFileSync(join(checkpointDir('tiny', 'base'), f), join(repoDir, f));
    copyFileSync(join(tfDir('tiny', 'base'), 'tf_model.h5'), join(repoDir, 'tf_model.h5'));
    server = await startHubServer({ 'tiny/both': repoDir });
    cacheDir = mkdtempSync(join(tmpdir(), 'convbert-cache-'));
  });
  afterAll(async () => {
    await server.close();
    rmSync(repoDir, { recursive: true, force: true });
    rmSync(cacheDir, { recursive: true, force: true });
  });

  it('TFConvBertModel fetches tf_model.h5 and not model.safetensors; ConvBertModel the reverse', async () => {
    const opts = { endpoint: server.endpoint, cacheDir, timeoutMs: 2000, ...noCache };
    const weights = () => server.requests.map((r) => r.url.split('/').at(-1)).filter((f) => /\.(h5|safetensors|bin)$/.test(f ?? ''));
    await (await TFConvBertModel.fromPretrained('tiny/both', opts)).dispose();
    expect(new Set(weights())).toEqual(new Set(['tf_model.h5']));
    server.requests.length = 0;
    await (await ConvBertModel.fromPretrained('tiny/both', opts)).dispose();
    expect(weights().filter((f) => f?.endsWith('.h5'))).toEqual([]);
    expect(weights()).toContain('model.safetensors');
  });
});
