// Loader options are checked: a misspelt key, a foreign dtype name, dtype on an ONNX export and a
// checkpoint without the task's head are refused with a message that points the right way.
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { DTYPES, OptionsError } from '@convbert/core';
import { checkpointDir, fixturePath } from '@convbert/test-fixtures';
import { afterAll, describe, expect, expectTypeOf, it } from 'vitest';
import { AutoTokenizer, ConvBertForSequenceClassification, ConvBertModel, type NodeLoadOptions, pipeline } from '../../src/index.js';
import { tempDir } from '../helpers/cli.js';

const work = tempDir('convbert-options-');
afterAll(() => rmSync(work, { recursive: true, force: true }));
const base = checkpointDir('tiny', 'base');

async function error(p: Promise<unknown>): Promise<Error & { code?: string; key?: string; suggestion?: string }> {
  try {
    await p;
  } catch (err) {
    return err as Error & { code?: string };
  }
  throw new Error('expected an error');
}

/** A folder with an ONNX export (the reference's base graph) and its config. */
function onnxFolder(): string {
  const dir = join(work, 'onnx-model');
  mkdirSync(dir, { recursive: true });
  copyFileSync(fixturePath('models', 'tiny', 'onnx', 'base.onnx'), join(dir, 'model.onnx'));
  copyFileSync(join(base, 'config.json'), join(dir, 'config.json'));
  return dir;
}

describe('loader options', () => {
  it('are typed: a NodeLoadOptions variable goes to pipeline(), a misspelt key does not compile', () => {
    const load: NodeLoadOptions = { device: 'cpu', dtype: 'int8' };
    const typed = () => pipeline('fill-mask', undefined, { ...load, topK: 3 });
    // @ts-expect-error `devcie` is no option of pipeline()
    const typo = () => pipeline('fill-mask', undefined, { devcie: 'cpu' });
    expectTypeOf(typed).returns.resolves.toHaveProperty('dispose');
    expectTypeOf(typo).toBeFunction();
  });

  it('a misspelt fromPretrained option is refused with the nearest valid one', async () => {
    const e = await error(ConvBertModel.fromPretrained(base, { cacheDri: work } as never));
    expect(e).toBeInstanceOf(OptionsError);
    expect(e).toMatchObject({ code: 'UNKNOWN_OPTION', key: 'cacheDri', suggestion: 'cacheDir' });
    expect(e.message).toBe('fromPretrained options: unknown option "cacheDri" (did you mean "cacheDir"?)');
    const head = await error(ConvBertForSequenceClassification.fromPretrained(base, { localFileOnly: true } as never));
    expect(head).toMatchObject({ code: 'UNKNOWN_OPTION', suggestion: 'localFilesOnly' });
    const tok = await error(AutoTokenizer.fromPretrained(base, { use_fas: false } as never));
    expect(tok).toMatchObject({ code: 'UNKNOWN_OPTION', suggestion: 'useFast' });
  });

  it("the reference's snake_case names are taken", async () => {
    const m = await ConvBertModel.fromPretrained(base, { graph_cache: false, intra_op_num_threads: 1 } as never);
    expect(m.info.kind).toBe('built');
    await m.dispose();
  });

  it('pipeline(): loader near misses are refused, call options still reach the pipeline', async () => {
    const e = await error(pipeline('text-classification', undefined, { graphCahce: false } as never));
    expect(e).toMatchObject({ code: 'UNKNOWN_OPTION', suggestion: 'graphCache' });
    const clf = await pipeline('text-classification', undefined, { topK: 2, local_files_only: true } as never);
    expect(await clf('a gorgeous, witty, seductive movie.')).toHaveLength(2);
    await clf.dispose();
  });

  it('an unknown dtype is refused with the valid ones', async () => {
    for (const dtype of ['FP16', 'float99']) {
      const e = await error(ConvBertModel.fromPretrained(base, { dtype } as never));
      expect(e).toMatchObject({ code: 'INVALID_OPTION' });
      expect(e.message, dtype).toContain(`valid dtypes: ${DTYPES.join(', ')}`);
    }
    expect((await error(ConvBertModel.fromPretrained(base, { dtype: 'FP16' } as never))).message).toContain('did you mean "fp16"?');
  });

  it('dtype on a folder with an ONNX export is refused', async () => {
    const dir = onnxFolder();
    const e = await error(ConvBertModel.fromPretrained(dir, { dtype: 'int8' }));
    expect(e).toMatchObject({ code: 'INVALID_OPTION' });
    expect(e.message).toContain('has an ONNX export (model.onnx) whose precision is fixed');
    const m = await ConvBertModel.fromPretrained(dir);
    expect(m.info.kind).toBe('onnx');
    await m.dispose();
  });

  it('a task head on a checkpoint without it names the missing head', async () => {
    const e = await error(ConvBertForSequenceClassification.fromPretrained(base, { graphCache: false }));
    expect(e).toMatchObject({ code: 'WEIGHT_MISSING' });
    expect(e.message).toContain('the checkpoint has no "classifier" head (it holds the encoder alone, a base model)');
    expect(e.message).not.toContain('does not belong to this configuration');
    const mlm = await error(ConvBertForSequenceClassification.fromPretrained(checkpointDir('tiny', 'masked-lm'), { graphCache: false }));
    expect(mlm.message).toContain('its heads: generator_lm_head, generator_predictions');
  });
});
