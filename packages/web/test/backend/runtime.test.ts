// What @convbert/web does for runtimes other than browsers: a precompiled wasm module for
// workerd, Cache Storage that throws, and the session-failure hint of each runtime.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { configureOrt } from '../../src/backend/env.js';
import { detectRuntime, sessionFailureHint } from '../../src/backend/runtime.js';
import { useWasmModule } from '../../src/backend/wasm-module.js';
import { WebError } from '../../src/errors.js';
import { CacheStorageGraphCache } from '../../src/sources/graph-cache.js';
import { openSafeCache } from '../../src/sources/safe-cache.js';

// (module (func (export "answer") (result i32) i32.const 42))
const ANSWER_WASM = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 127, 3, 2, 1, 0, 7, 10, 1, 6, 97, 110, 115, 119, 101, 114, 0, 0, 10, 6, 1, 4, 0, 65, 42,
  11,
]);

describe('a precompiled WebAssembly.Module (workerd)', () => {
  it('is instantiated when ORT hands back the placeholder bytes, once; other calls are untouched', async () => {
    const original = WebAssembly.instantiate;
    const module = new WebAssembly.Module(ANSWER_WASM);
    const placeholder = useWasmModule(module);
    expect(WebAssembly.instantiate).not.toBe(original);
    // Someone else's bytes pass through.
    const other = await WebAssembly.instantiate(ANSWER_WASM, {});
    expect((other.instance.exports.answer as () => number)()).toBe(42);
    expect(WebAssembly.instantiate).not.toBe(original);
    // ORT's call with the placeholder gets the module, in instantiate(bytes)'s { instance, module } shape.
    const got = await WebAssembly.instantiate(placeholder, {});
    expect(got.module).toBe(module);
    expect((got.instance.exports.answer as () => number)()).toBe(42);
    expect(WebAssembly.instantiate).toBe(original);
  });

  it('configureOrt refuses a wasmModule that is not a WebAssembly.Module', () => {
    expect(() => configureOrt({ wasmModule: new Uint8Array(8) as unknown as WebAssembly.Module })).toThrow(WebError);
  });
});

describe('Cache Storage that throws (workerd without a cache, quota errors)', () => {
  const g = globalThis as { caches?: unknown };
  afterEach(() => {
    delete g.caches;
    vi.restoreAllMocks();
  });

  it('misses and skips stores instead of failing, with one warning', async () => {
    const refuse = () => Promise.reject(new Error('No Cache was configured'));
    g.caches = { open: async () => ({ match: refuse, put: refuse }) };
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const cache = await openSafeCache('x');
    expect(await cache?.match('https://x.invalid/a')).toBeUndefined();
    await expect(cache?.put('https://x.invalid/a', new Response('a'))).resolves.toBeUndefined();
    const graphs = new CacheStorageGraphCache();
    expect(await graphs.get('k')).toBeUndefined();
    await expect(graphs.set('k', new Uint8Array([1]))).resolves.toBeUndefined();
    expect(warn.mock.calls.length).toBeLessThanOrEqual(1);
  });

  it('is no cache at all when caches.open itself throws', async () => {
    g.caches = { open: () => Promise.reject(new Error('SecurityError')) };
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(await openSafeCache('x')).toBeUndefined();
  });
});

describe('the SESSION_FAILED hint names what matters in each runtime', () => {
  it('detects Node here', () => {
    expect(detectRuntime()).toBe('node');
  });

  it.each([
    ['workerd', /wasmModule/],
    ['deno', /--allow-read/],
    ['bun', /Bun.*ort-wasm-simd-threaded\.wasm/],
    ['node', /Node\.js.*ort-wasm-simd-threaded\.wasm/],
    ['browser', /ort-wasm-simd-threaded\.wasm.*\.jsep\.wasm.*wasmPaths/],
  ] as const)('%s', (runtime, pattern) => {
    expect(sessionFailureHint(runtime)).toMatch(pattern);
  });
});
