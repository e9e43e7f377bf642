/** `wasm`: CPU in WebAssembly (SIMD; threads when the page is cross-origin isolated). `webgpu`: the GPU. */
export type WebDevice = 'wasm' | 'webgpu';

/** Every `WebDevice`. */
export const WEB_DEVICES: readonly WebDevice[] = ['wasm', 'webgpu'];
