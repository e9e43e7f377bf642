// What wrangler's rules (wrangler.jsonc) turn these imports into.
declare module '*.onnx' {
  const bytes: ArrayBuffer;
  export default bytes;
}
declare module '*.txt' {
  const text: string;
  export default text;
}
