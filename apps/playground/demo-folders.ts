// Where the demo models of src/demos.ts are on disk (Node side: the Vite config and the tests).
// The smallest copy that keeps the answers is served: the float16 folders of @convbert/node first,
// then fixtures/demo (the float32 originals of the two first models; the float16 exports of the
// task models). CONVBERT_DEMO_MODELS=<folder> puts another folder of model folders first.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_FILES, DEMO_MODELS, type DemoIndex } from './src/demos.ts';

const here = dirname(fileURLToPath(import.meta.url));

export function demoRoots(): string[] {
  const roots = [join(here, '../../packages/node/models'), join(here, '../../fixtures/demo')];
  const extra = process.env.CONVBERT_DEMO_MODELS;
  return extra ? [resolve(extra), ...roots] : roots;
}

/** The folder of a demo model (it needs config.json and weights), or undefined when none has it. */
export function demoFolder(name: string): string | undefined {
  return demoRoots()
    .map((root) => join(root, name))
    .find((dir) => existsSync(join(dir, 'config.json')) && existsSync(join(dir, 'model.safetensors')));
}

/** Every demo model of the table that exists: name → folder and the files served from it. */
export function demoFolders(): Map<string, { dir: string; files: string[] }> {
  const out = new Map<string, { dir: string; files: string[] }>();
  for (const name of new Set(Object.values(DEMO_MODELS))) {
    const dir = demoFolder(name);
    if (dir) out.set(name, { dir, files: DEMO_FILES.filter((f) => existsSync(join(dir, f))) });
  }
  return out;
}

export function demoIndex(): DemoIndex {
  return Object.fromEntries([...demoFolders()].map(([name, { files }]) => [name, files]));
}
