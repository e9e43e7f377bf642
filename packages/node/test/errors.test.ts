// One error base: every package's error is a ConvBertError with a `code` and the `cause` kept, and
// one failure has one code whichever path meets it (a missing config.json: MODEL_FILES_MISSING).
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixturePath } from '@convbert/test-fixtures';
import { afterAll, describe, expect, it } from 'vitest';
import { CliInputError, CliUsageError } from '../src/cli/errors.js';
import {
  AutoConfig,
  AutoModelForMaskedLM,
  CacheUnwritable,
  ConvBertConfigError,
  ConvBertError,
  ConvBertForMaskedLM,
  CoreError,
  HeadsError,
  HubError,
  OptionsError,
  pipeline,
  TokenizerError,
  WeightsError,
} from '../src/index.js';
import { ServeError } from '../src/serve/errors.js';

const cause = new Error('the reason underneath');

describe('ConvBertError', () => {
  it('is the base of every error class, with code and cause', () => {
    const errors = [
      new ConvBertConfigError('CONFIG_INVALID_TYPE', 'x', 'hidden_size'),
      new TokenizerError('INVALID_INPUT', 'x'),
      new CoreError('INVALID_INPUT', 'x', { cause }),
      new WeightsError('WEIGHT_MISSING', 'x', 'w', { cause }),
      new HubError('HUB_NETWORK', 'x', 'a/b@main/config.json', { cause }),
      new OptionsError('UNKNOWN_OPTION', 'x', 'devcie', 'device'),
      new HeadsError('EMPTY_INPUT', 'x', { cause }),
      new CacheUnwritable(cause),
      new ServeError('QUEUE_FULL', 'x', { cause }),
      new CliUsageError('x'),
      new CliInputError('x', new HeadsError('NO_MASK_TOKEN', 'y')),
    ];
    for (const e of errors) {
      expect(e, e.name).toBeInstanceOf(ConvBertError);
      expect(e.code, e.name).toMatch(/^[A-Z_]+$/);
    }
    expect(errors.filter((e) => e.cause === cause).map((e) => e.name)).toEqual([
      'CoreError',
      'WeightsError',
      'HubError',
      'HeadsError',
      'CacheUnwritable',
      'ServeError',
    ]);
    expect(new CliInputError('x', new HeadsError('NO_MASK_TOKEN', 'y')).code).toBe('NO_MASK_TOKEN');
  });
});

describe('a missing config.json', () => {
  const dir = mkdtempSync(join(tmpdir(), 'convbert-no-config-'));
  symlinkSync(fixturePath('models', 'tiny', 'onnx', 'masked-lm.onnx'), join(dir, 'model.onnx'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is MODEL_FILES_MISSING for a head, the Auto classes and a pipeline', async () => {
    for (const load of [
      () => ConvBertForMaskedLM.fromPretrained(dir),
      () => AutoConfig.fromPretrained(dir),
      () => AutoModelForMaskedLM.fromPretrained(dir),
      () => pipeline('fill-mask', dir),
    ]) {
      await expect(load()).rejects.toMatchObject({ name: 'CoreError', code: 'MODEL_FILES_MISSING' });
    }
  });
});
