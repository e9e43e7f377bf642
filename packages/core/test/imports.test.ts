import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '..', 'src');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

// Core runs in Node, browsers and workers: platform modules belong to @convbert/node / @convbert/web.
const FORBIDDEN = [/^node:/, /^(fs|path|os|url|crypto|child_process|worker_threads|stream|buffer|util)(\/.*)?$/, /^onnxruntime-/];
const DOM_GLOBALS = /\b(window|document|navigator|localStorage|fetch|XMLHttpRequest|Buffer|process\.)\b/;

describe('core stays platform-neutral', () => {
  const files = sources(SRC);
  it('finds the sources', () => {
    expect(files.length).toBeGreaterThan(10);
  });
  for (const file of files) {
    it(`${file.slice(SRC.length + 1)} imports nothing from Node, onnxruntime or the DOM`, () => {
      const text = readFileSync(file, 'utf8');
      const specifiers = [
        ...text.matchAll(
          /(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g,
        ),
      ].map((m) => m[1] ?? m[2] ?? m[3]);
      for (const s of specifiers)
        expect(
          FORBIDDEN.some((re) => re.test(s as string)),
          `${s}`,
        ).toBe(false);
      expect(text).not.toMatch(/\/\/\/\s*<reference\s+(types|lib)=/);
      const code = text.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      // The remote backend is fetch-based by design (every runtime has fetch; one can be injected).
      const allowed = file.includes(join('src', 'remote')) ? code.replace(/\bfetch\b/g, '') : code;
      expect(allowed).not.toMatch(DOM_GLOBALS);
    });
  }
});
