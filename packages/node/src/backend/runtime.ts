import { CoreError } from '@convbert/core';

/**
 * The error for a runtime that cannot load onnxruntime-node's native addon: it names the
 * permission or capability that is missing in the runtime at hand and the alternative.
 */
export function nativeAddonUnavailable(err: unknown): CoreError {
  const why = (err instanceof Error ? err.message : String(err)).split('\n')[0];
  const deno = (globalThis as { Deno?: unknown }).Deno !== undefined;
  const what = deno
    ? 'Deno needs --allow-ffi (with --allow-read and --allow-env) to load it'
    : 'check that onnxruntime-node installed its binary for this platform (node_modules/onnxruntime-node/bin)';
  return new CoreError(
    'BACKEND_UNAVAILABLE',
    `onnxruntime-node's native addon could not be loaded (${why}): ${what}. Where native code may not run (Cloudflare Workers, a locked-down Deno), use @convbert/web, which runs ONNX Runtime in WebAssembly`,
    { cause: err },
  );
}

interface DenoPermissions {
  permissions: { querySync(d: { name: string }): { state: string } };
}

/** Deno permissions that loading onnxruntime-node needs and this process lacks (checked before loading). */
export function missingDenoPermissions(): string[] {
  const deno = (globalThis as { Deno?: DenoPermissions }).Deno;
  if (deno === undefined) return [];
  return ['ffi'].filter((name) => deno.permissions.querySync({ name }).state !== 'granted').map((n) => `--allow-${n}`);
}

export function denoPermissionsMissing(flags: string[]): CoreError {
  return new CoreError(
    'BACKEND_UNAVAILABLE',
    `onnxruntime-node's native addon needs ${flags.join(' and ')} in Deno (the node backend runs with --allow-read --allow-env --allow-ffi). Without native code, use @convbert/web, which runs ONNX Runtime in WebAssembly (--allow-read --allow-env)`,
  );
}
