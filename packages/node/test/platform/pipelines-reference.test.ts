// Every call of Hugging Face's own pipelines recorded in fixtures/models/tiny/golden/pipelines.json
// (transformers 4.36.2), run through this package's `pipeline()` with the reference's keyword names:
// strings and positions equal, scores within 1e-5. Run with both tokenizer classes: the fast one
// is what the reference used; the WordPiece one from vocab.txt must give the same results.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkpointDir, fixturePath, type PipelineCase, pipelineCases, pipelineOutputDiff } from '@convbert/test-fixtures';
import { afterAll, describe, expect, it } from 'vitest';
import { type NodePipeline, type PipelineTask, pipeline } from '../../src/index.js';

const cases = pipelineCases();

/** The reference's pipeline call: the checkpoint's model and config with bert-base-uncased's tokenizer.json. */
function modelFolder(root: string, checkpoint: string): string {
  const head = checkpoint.replace(/^checkpoint\//, '');
  const dir = mkdtempSync(join(root, `${head}-`));
  const from = checkpointDir('tiny', head);
  for (const f of ['config.json', 'model.safetensors', 'tokenizer_config.json', 'special_tokens_map.json', 'vocab.txt']) {
    copyFileSync(join(from, f), join(dir, f));
  }
  copyFileSync(fixturePath('vocab', 'bert-base-uncased', 'tokenizer.json'), join(dir, 'tokenizer.json'));
  return dir;
}

const root = mkdtempSync(join(tmpdir(), 'convbert-pipelines-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe.each([
  ['ConvBertTokenizerFast (tokenizer.json, as the reference)', true],
  ['ConvBertTokenizer (vocab.txt)', false],
])('Hugging Face pipeline outputs with %s', (_name, useFast) => {
  const pipes = new Map<string, Promise<NodePipeline<PipelineTask>>>();
  const folders = new Map<string, string>();
  const pipeFor = (c: PipelineCase) => {
    const key = `${c.task} ${c.checkpoint}`;
    let p = pipes.get(key);
    if (p === undefined) {
      let dir = folders.get(c.checkpoint);
      if (dir === undefined) {
        dir = modelFolder(root, c.checkpoint);
        folders.set(c.checkpoint, dir);
      }
      p = pipeline(c.task, dir, { useFast, graphCache: false });
      pipes.set(key, p);
    }
    return p;
  };
  afterAll(async () => {
    for (const p of pipes.values()) await (await p).dispose();
  });

  it('has all 62 public cases', () => {
    expect(cases).toHaveLength(62);
  });

  it.each(cases.map((c) => [c.id, c] as const))('%s', async (_id, c) => {
    const pipe = await pipeFor(c);
    expect(pipe.tokenizer.constructor.name).toBe(useFast ? 'ConvBertTokenizerFast' : 'ConvBertTokenizer');
    const run = pipe as unknown as (input: unknown, options: unknown) => Promise<unknown>;
    // The outputs as plain JSON: what the reference's json.dump of the result would hold.
    const got = JSON.parse(JSON.stringify(await run(c.inputs, c.kwargs)));
    expect(pipelineOutputDiff(got, c.output, 1e-5)).toEqual([]);
  });
});

describe('pipeline()', () => {
  it('names an unknown task as such, before looking for a model', async () => {
    await expect(pipeline('summarization' as PipelineTask)).rejects.toThrow(
      expect.objectContaining({ code: 'UNKNOWN_TASK', message: expect.stringMatching(/^unknown task "summarization"/) }),
    );
  });
});
