import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkpointDir } from '@convbert/test-fixtures';
import { afterAll, expect, it } from 'vitest';
import { AutoTokenizer, saveVocabulary } from '../src/index.js';

const dir = mkdtempSync(join(tmpdir(), 'convbert-vocab-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('saveVocabulary writes vocab.txt byte for byte and returns its path', async () => {
  const tokenizer = await AutoTokenizer.fromPretrained(checkpointDir('tiny', 'base'));
  const path = await saveVocabulary(tokenizer, join(dir, 'out'));
  expect(path).toBe(join(dir, 'out', 'vocab.txt'));
  expect(readFileSync(path, 'utf8')).toBe(readFileSync(join(checkpointDir('tiny', 'base'), 'vocab.txt'), 'utf8'));
  expect(await saveVocabulary(tokenizer, dir, 'mine')).toBe(join(dir, 'mine-vocab.txt'));
});
