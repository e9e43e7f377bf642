// Loaded on demand by `WebBackend.prepare` (it is not needed up front, and the bundle budget is tight).
import type { OrtRuntime } from './ort-runtime.js';

// The smallest model ONNX Runtime accepts (`y = Identity(x)`, float [1]): creating a session of it
// makes ORT fetch, compile and start its wasm, which the model's own session then finds ready.
const BYTES =
  'CAgSDkBjb252YmVydC9jb3JlOocBCiwKAXgSCmlkZW50aXR5XzAaD0lkZW50aXR5X25vZGVfMCIISWRlbnRpdHk6AAosCgppZGVudGl0eV8wEgF5Gg9JZGVudGl0eV9ub2RlXzEiCElkZW50aXR5OgASB3dhcm0tdXBaDwoBeBIKCggIARIECgIIAWIPCgF5EgoKCAgBEgQKAggBQgQKABAR';

/** Starts `ort`'s wasm (fetch, compile, instantiate) with a throwaway session. */
export async function warmUp(ort: OrtRuntime): Promise<void> {
  const model = Uint8Array.from(atob(BYTES), (c) => c.charCodeAt(0));
  const session = await ort.InferenceSession.create(model, { executionProviders: ['wasm'] });
  await session.release();
}
