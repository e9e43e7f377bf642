// RemoteBackend (core, fetch only) against `convbert serve`'s Open Inference Protocol endpoints:
// the same pipelines with the model running on the server give exactly the local results.
import { checkpointDir } from '@convbert/test-fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConvBertServer, pipeline, RemoteBackend, remote, serve } from '../../dist/index.js';
import { goldenPipelines } from './helpers.js';

const HEADS = {
  'text-classification': 'sequence-classification',
  'token-classification': 'token-classification',
  'question-answering': 'question-answering',
  'fill-mask': 'masked-lm',
  'multiple-choice': 'multiple-choice',
  'feature-extraction': 'base',
} as const;
type Task = keyof typeof HEADS;

let server: ConvBertServer;
beforeAll(async () => {
  server = await serve({
    port: 0,
    workers: 0,
    apiKey: 'k',
    models: Object.entries(HEADS).map(([task, head]) => ({ name: head, task: task as Task, model: checkpointDir('tiny', head) })),
  });
  await server.ready;
});
afterAll(() => server?.close());

const inputsFor = (task: Task): [unknown, Record<string, unknown>][] => {
  if (task === 'multiple-choice')
    return [[[{ prompt: 'Where is Paris?', choices: ['In France.', 'On the moon.', 'Under the sea, far away.'] }], {}]];
  if (task === 'feature-extraction') return [[['The capital of France is Paris.', 'Hello'], { pooling: 'mean' }]];
  const camel = (o: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(o).map(([k, v]) => [k.replace(/_([a-z])/g, (_, c) => c.toUpperCase()), v]));
  return goldenPipelines(task)
    .slice(0, 6)
    .map((c) => {
      const inputs = c.inputs as { text?: string; text_pair?: string };
      return [inputs.text_pair ? { text: inputs.text, textPair: inputs.text_pair } : c.inputs, camel(c.kwargs)];
    });
};

describe('RemoteBackend on convbert serve’s /v2', () => {
  for (const task of Object.keys(HEADS) as Task[]) {
    it(`${task}: remote results are identical to local ones`, async () => {
      const dir = checkpointDir('tiny', HEADS[task]);
      const local = (await pipeline(task, dir)) as unknown as ((i: unknown, o?: unknown) => Promise<unknown>) & {
        dispose(): Promise<void>;
      };
      const backend = remote(`${server.url}/v2/models/${HEADS[task]}/versions/1`, { headers: { authorization: 'Bearer k' } });
      const far = (await pipeline(task, dir, { backend })) as unknown as typeof local;
      for (const [input, options] of inputsFor(task)) expect(await far(input, options)).toEqual(await local(input, options));
      await local.dispose();
      await far.dispose();
    });
  }

  it('fails with a clear error when the server refuses or the model is unknown', async () => {
    const dir = checkpointDir('tiny', 'sequence-classification');
    await expect(
      pipeline('text-classification', dir, { backend: remote(`${server.url}/v2/models/nope`, { headers: { authorization: 'Bearer k' } }) }),
    ).rejects.toMatchObject({
      code: 'BACKEND_UNAVAILABLE',
      message: expect.stringMatching(/404/),
    });
    await expect(
      pipeline('text-classification', dir, { backend: new RemoteBackend({ url: server.url, model: 'sequence-classification' }) }),
    ).rejects.toThrow(/401/);
  });
});
