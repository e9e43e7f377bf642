// `@convbert/core/graph`: the encoder as an ONNX graph built in TypeScript, for code that builds
// graphs of its own (the task heads of @convbert/heads, converters, benchmarks). Loading and running
// models needs none of this: that is `@convbert/core`.
export { type EncoderBlocks, FUSED_BLOCKS, type FusedChoices, fusedBlocks, REFERENCE_BLOCKS } from './model/blocks.js';
export { type BuildEncoderOptions, buildConvBertEncoder } from './model/build.js';
export {
  type ConvForms,
  depthwise1d,
  depthwise2d,
  FUSED_CONV,
  headMajorWindows,
  REFERENCE_CONV,
  unfoldedWindows,
} from './model/dynamic-conv.js';
export { addConvBertEncoder, BATCH_DIM, type EncoderGraph, type EncoderOptions, SEQUENCE_DIM } from './model/encoder.js';
export { OUTPUT_NAMES } from './model/output-names.js';
export {
  type AttrValue,
  type BuilderOptions,
  type Dim,
  type ElementType,
  type FloatAttr,
  GraphBuilder,
  type NodeOptions,
  type TensorData as GraphTensorData,
  type TensorValue,
} from './onnx/builder.js';
export { DTYPES, type DType } from './onnx/dtype.js';
export { activation, groupedLinear, layerNorm, linear } from './onnx/ops.js';
export { GraphParams } from './onnx/params.js';
export { StateDict } from './weights/state-dict.js';
