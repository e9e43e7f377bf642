// What `workerd` and `browser` resolve @convbert/node to: this package needs a file system and
// onnxruntime-node's native addon, which Workers and browsers do not have. Failing at import
// with the alternative beats a bundler error about `node:fs` or a missing `.node` file.
import { CoreError } from '@convbert/core';

throw new CoreError(
  'BACKEND_UNAVAILABLE',
  '@convbert/node needs a file system and native addons (Node.js, Bun, Deno); in Cloudflare Workers and browsers use @convbert/web (ONNX Runtime in WebAssembly), with models from a UrlSource or bytes in a MemorySource (a pre-built ONNX from `convbert convert`)',
);
