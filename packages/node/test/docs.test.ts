// Every code block of the READMEs runs. js/ts blocks run as modules (with `@convbert/node` from
// this package's source and the other packages as installed); sh blocks run in bash with
// `convbert` on PATH, and a `# text` comment after a command must appear in its output. Hub ids
// resolve against the local hub look-alike on 127.0.0.1, nothing else is reached.
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseConfig } from '@convbert/config';
import { readSafetensors } from '@convbert/core';
import { checkpointDir, fixturePath } from '@convbert/test-fixtures';
import { type HubServer, startHubServer } from '@convbert/test-fixtures/hub-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MODEL_DIRS, DirectorySource, OnnxruntimeNodeBackend, pipeline, wordPieceTokenizerJson } from '../src/index.js';
import { BIN, tempDir } from './helpers/cli.js';

const ROOT = resolve(import.meta.dirname, '../../..');
/** Sources whose doc comments hold examples (`@example` blocks, shown in the API reference): run like the READMEs' blocks. */
const EXAMPLE_SOURCES = ['packages/node/src/platform.ts', 'packages/tokenizer/src/base-tokenizer.ts'];
const READMES = ['README.md', ...readdirSync(join(ROOT, 'packages')).map((p) => join('packages', p, 'README.md'))].filter((f) => {
  try {
    return readFileSync(join(ROOT, f)).length > 0;
  } catch {
    return false;
  }
});

/**
 * The blocks that do not run here, each with its reason. Reviewed: keep it this short. A block is
 * named by its README and its first line.
 */
const NOT_RUNNABLE: Record<string, string> = {
  "packages/node/README.md: import { pipeline, remote } from '@convbert/node';":
    'needs an inference server at localhost:8000; test/serve-remote.test.ts runs RemoteBackend against convbert serve',
  'README.md: bash tooling/scripts/setup.sh && pnpm test': 'runs the whole suite, this test included',
  "packages/web/README.md: import { configureOrt, pipeline } from '@convbert/web';":
    'browser only (wasmPaths served by a site); test/browser.test.ts runs these calls in Chromium',
  "packages/web/README.md: import { PipelineWorker } from '@convbert/web';":
    'browser only (a Web Worker); test/browser.test.ts runs the worker in Chromium',
};

/** Lines that set a machine up, dropped from sh blocks: this test runs in a set-up checkout. */
const SETUP_LINE = /^(\w+=\S*\s+)*(npm install|pnpm add|apt-get)\b/;
const SETUP_PREFIX = /^bash tooling\/scripts\/setup\.sh && /;

interface Block {
  file: string;
  line: number;
  lang: string;
  code: string;
}

function blocks(file: string): Block[] {
  const out: Block[] = [];
  // In a source file the blocks sit in doc comments: each line without its leading ` * `.
  const lines = readFileSync(join(ROOT, file), 'utf8')
    .split('\n')
    .map((l) => (file.endsWith('.ts') ? l.replace(/^\s*\* ?/, '') : l));
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\w*)\s*$/.exec(lines[i] as string);
    if (!open) continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !(lines[i] as string).startsWith('```'); i++) body.push(lines[i] as string);
    out.push({ file, line: start + 1, lang: open[1] as string, code: body.join('\n') });
  }
  return out;
}

const ALL = [...READMES, ...EXAMPLE_SOURCES].flatMap(blocks);
const keyOf = (b: Block) => `${b.file}: ${b.code.split('\n')[0]}`;
const runnable = ALL.filter((b) => ['js', 'ts', 'sh'].includes(b.lang) && !(keyOf(b) in NOT_RUNNABLE));

// What blocks may use without defining it (a reader's own model folder, text, backend…):
// each block gets the ones it names. Documented next to each block in the READMEs.
const work = tempDir('convbert-docs-');
const blockDir = join(import.meta.dirname, '..', '.docs-blocks');
let server: HubServer;
let givens: Record<string, unknown>;
let savedEndpoint: string | undefined;

beforeAll(async () => {
  const tinyBase = checkpointDir('tiny', 'base');
  const mlm = checkpointDir('tiny', 'masked-lm');
  // The real repo has both frameworks' weights: the tiny base checkpoint plus its tf_model.h5.
  const bothFrameworks = join(work, 'conv-bert-base');
  cpSync(tinyBase, bothFrameworks, { recursive: true });
  cpSync(fixturePath('models', 'tiny', 'checkpoint-tf', 'base', 'tf_model.h5'), join(bothFrameworks, 'tf_model.h5'));
  server = await startHubServer({ 'YituTech/conv-bert-small': tinyBase, 'YituTech/conv-bert-base': bothFrameworks });
  // Blocks that name a hub id reach the look-alike, never the network.
  savedEndpoint = process.env.HF_ENDPOINT;
  process.env.HF_ENDPOINT = server.endpoint;
  // A folder as `convbert convert` leaves it (vocab.txt, tokenizer_config.json, tokenizer.json).
  const dir = join(work, 'model');
  mkdirSync(dir, { recursive: true });
  for (const f of ['config.json', 'vocab.txt', 'tokenizer_config.json', 'special_tokens_map.json']) {
    writeFileSync(join(dir, f), readFileSync(join(tinyBase, f)));
  }
  writeFileSync(join(dir, 'tokenizer.json'), wordPieceTokenizerJson(readFileSync(join(tinyBase, 'vocab.txt'), 'utf8')));
  const sst2 = DEFAULT_MODEL_DIRS['convbert-mini-sst2'];
  givens = {
    dir,
    myQaFolder: checkpointDir('tiny', 'question-answering'),
    longText: 'The Eiffel Tower is a wrought-iron lattice tower in Paris. It was designed by the company of Gustave Eiffel.',
    texts: ['I loved this movie, it was wonderful!', 'What a waste of time.'],
    sentences: ['I loved this movie, it was wonderful!', 'What a waste of time.', 'It was not bad.'],
    classify: await pipeline('text-classification'),
    source: new DirectorySource(sst2),
    backend: new OnnxruntimeNodeBackend(),
    myBackend: new OnnxruntimeNodeBackend(),
    vocabText: readFileSync(join(sst2, 'vocab.txt'), 'utf8'),
    configText: readFileSync(join(tinyBase, 'config.json'), 'utf8'),
    bytes: new Uint8Array(readFileSync(join(tinyBase, 'model.safetensors'))),
    config: parseConfig(readFileSync(join(mlm, 'config.json'), 'utf8')),
    weights: readSafetensors(new Uint8Array(readFileSync(join(mlm, 'model.safetensors')))),
  };
  rmSync(blockDir, { recursive: true, force: true });
  mkdirSync(blockDir, { recursive: true });
  // `convbert` as installed: the built binary.
  const bin = join(work, 'bin');
  mkdirSync(bin);
  writeFileSync(join(bin, 'convbert'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
  chmodSync(join(bin, 'convbert'), 0o755);
});

afterAll(async () => {
  if (savedEndpoint === undefined) delete process.env.HF_ENDPOINT;
  else process.env.HF_ENDPOINT = savedEndpoint;
  await (givens?.classify as { dispose(): Promise<void> } | undefined)?.dispose();
  await server?.close();
  rmSync(work, { recursive: true, force: true });
  rmSync(blockDir, { recursive: true, force: true });
});

/** A js/ts block as a module: imports on top, the rest in a function taking the givens it names. */
async function runModule(b: Block, n: number): Promise<void> {
  const lines = b.code.split('\n');
  const imports: string[] = [];
  const body: string[] = [];
  let inImport = false;
  for (const l of lines) {
    if (inImport || /^import\s/.test(l)) {
      // The built package, as users import it (its worker pool needs the built worker file).
      imports.push(l.replace(/from '@convbert\/node'/, `from '${pathToFileURL(resolve(import.meta.dirname, '../dist/index.js')).href}'`));
      inImport = !/from\s+['"][^'"]+['"];?\s*$/.test(l) && !/^import\s+['"]/.test(l);
    } else body.push(l);
  }
  const declared = new Set([...b.code.matchAll(/\b(?:const|let|var|function|class)\s+(\w+)/g)].map((m) => m[1]));
  for (const m of b.code.matchAll(/\bimport\s+(?:type\s+)?\{([^}]*)\}/g)) {
    for (const name of (m[1] as string).split(','))
      declared.add(
        name
          .trim()
          .split(/\s+as\s+/)
          .pop() as string,
      );
  }
  const used = Object.keys(givens).filter((k) => !declared.has(k) && new RegExp(`\\b${k}\\b`).test(b.code));
  const file = join(blockDir, `block${n}.${b.lang === 'ts' ? 'ts' : 'mjs'}`);
  writeFileSync(
    file,
    `${imports.join('\n')}\nexport default async function run({ ${used.join(', ')} }${b.lang === 'ts' ? ': any' : ''}) {\n${body.join('\n')}\n}\n`,
  );
  const mod = (await import(/* @vite-ignore */ pathToFileURL(file).href)) as { default: (g: Record<string, unknown>) => Promise<void> };
  await mod.default(givens);
}

/** An sh block: each command in bash; a `# text` comment after it must appear in its output. */
function runShell(b: Block): void {
  const lines = b.code.split('\n');
  let lastOut: string | undefined;
  for (const raw of lines) {
    const line = raw.replace(SETUP_PREFIX, '').replace(/^(npx|pnpm -s) convbert\b/, 'convbert');
    if (line.trim() === '') continue;
    if (SETUP_LINE.test(line)) {
      lastOut = undefined;
      continue;
    }
    if (line.startsWith('#')) {
      // An output shown right after a command; other comments are prose.
      // Up to the first space or "...", the part that does not depend on the machine.
      const want = line.replace(/^#\s*/, '').split(/\s|\.\.\.|…/)[0] as string;
      if (lastOut !== undefined) expect(lastOut, `${raw} (after the command above)`).toContain(want);
      lastOut = undefined;
      continue;
    }
    const r = spawnSync('bash', ['-o', 'pipefail', '-c', line], {
      cwd: work,
      encoding: 'utf8',
      env: {
        ...process.env,
        PATH: `${join(work, 'bin')}:${process.env.PATH}`,
        HF_ENDPOINT: server.endpoint,
        CONVBERT_CACHE: join(work, 'cache'),
      },
    });
    expect(r.status, `${line}\n${r.stderr}`).toBe(0);
    lastOut = r.stdout;
  }
}

describe('README code blocks run', () => {
  it('finds the blocks, and every not-runnable entry names a block that exists', () => {
    expect(runnable.length).toBeGreaterThan(10);
    for (const file of EXAMPLE_SOURCES) expect(runnable.filter((b) => b.file === file).length, file).toBeGreaterThan(0);
    for (const key of Object.keys(NOT_RUNNABLE)) expect(ALL.map(keyOf), key).toContain(key);
  });

  it.each(runnable.map((b, n) => [`${b.file}:${b.line} (${b.lang})`, b, n] as const))('%s', async (_name, b, n) => {
    if (b.lang === 'sh') runShell(b);
    else await runModule(b, n);
  });
});
