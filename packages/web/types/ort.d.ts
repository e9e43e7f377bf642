// Types of the `#ort` import (package.json "imports"): whichever onnxruntime-web build a runtime
// gets, its API is onnxruntime-web's. ORT declares its types as an ambient module, so they are
// re-exported from here rather than mapped to its types.d.ts directly.
export * from 'onnxruntime-web';
