// Bundlers for Workers (wrangler, the Cloudflare Vite plugin) turn an imported `.wasm` into a compiled module.
declare module 'onnxruntime-web/ort-wasm-simd-threaded.wasm' {
  const module: WebAssembly.Module;
  export default module;
}
