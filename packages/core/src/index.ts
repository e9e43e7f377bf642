export { ConvBertError } from '@convbert/config';
export { CoreError, type CoreErrorCode, WeightsError } from './errors.js';
export * from './hub/index.js';
export { type EncoderBlocks, FUSED_BLOCKS, REFERENCE_BLOCKS } from './model/blocks.js';
export { type BuildEncoderOptions, buildConvBertEncoder } from './model/build.js';
export type { EncoderContext } from './model/context.js';
export { type ConvForms, dynamicConvolution, FUSED_CONV, REFERENCE_CONV, separableConv1d } from './model/dynamic-conv.js';
export { embeddings } from './model/embeddings.js';
export {
  addConvBertEncoder,
  addEncoderInputs,
  BATCH_DIM,
  type EncoderGraph,
  type EncoderOptions,
  FLOAT32_MIN,
  SEQUENCE_DIM,
} from './model/encoder.js';
export { feedForward } from './model/feed-forward.js';
export { feedForwardGrouped } from './model/feed-forward-fused.js';
export { convBertLayer } from './model/layer.js';
export { mixedAttention } from './model/mixed-attention.js';
export { mixedAttentionFused } from './model/mixed-attention-fused.js';
export { OUTPUT_NAMES } from './model/output-names.js';
export { selfAttention } from './model/self-attention.js';
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
export { activation, groupedLinear, layerNorm, linear, linears } from './onnx/ops.js';
export { GraphParams } from './onnx/params.js';
export { checkOptions, type OptionSpec, OptionsError, snakeCase, suggestName } from './options/check-options.js';
export { checkDType } from './options/dtype.js';
export { type FetchLike, type FetchResponseLike, RemoteBackend, type RemoteBackendOptions, remote } from './remote/remote-backend.js';
export {
  type Backend,
  type FloatTensor,
  type OrtElementType,
  ortElementType,
  type Session,
  type SessionOptions,
  type Tensor,
  type TensorData,
} from './runtime/backend.js';
export { type BatchAxes, BatchSlicingSession, batchAxesFromShapes, checkBatchTokens } from './runtime/batch-slices.js';
export {
  type CheckpointFileOptions,
  type CheckpointWeights,
  missingWeightsHint,
  PYTORCH_FILE,
  readCheckpointWeights,
  readWeightsFile,
  SAFETENSORS_FILE,
  TF_FILE,
  weightFileOrder,
} from './runtime/checkpoint-files.js';
export { ConvBertEncoder, ENCODER_GRAPH, type EncoderOutput } from './runtime/encoder-model.js';
export {
  cachedBuild,
  GRAPH_BUILDER_VERSION,
  type GraphCache,
  type LoadProgress,
  sessionOptionsFor,
  weightsKeyPart,
} from './runtime/graph-cache.js';
export {
  type EncoderFeeds,
  type EncoderInputs,
  type EncodingRow,
  type ForwardInputs,
  type IdMatrix,
  type InputLimits,
  normalizeEncoderInputs,
  prepareEncoderFeeds,
  type ReferenceEncoderInputs,
} from './runtime/inputs.js';
export {
  type LoadedModelFiles,
  type LoadFilesOptions,
  type LoadOptions,
  loadModelFiles,
  ONNX_FILES,
  WEIGHT_FILES,
} from './runtime/load.js';
export {
  type ForwardOptions,
  type GraphRecipe,
  inputLimits,
  type LayerOutputs,
  type ModelInfo,
  type ModelKind,
  type ModelLoadOptions,
  ModelSession,
} from './runtime/model-session.js';
export { OutputTensor, outputTensor, type TensorType } from './runtime/output-tensor.js';
export { ConvBertPreTrainedModel, loadModel, type ModelClass } from './runtime/pretrained-model.js';
export { type LocalFile, MemorySource, type ModelSource, type RandomAccessFile } from './runtime/source.js';
export { utf8Decode, utf8Encode } from './text.js';
export {
  DTYPE_BYTES,
  type ExternalWeight,
  elementCount,
  floatsToHalf,
  floatToHalf,
  halfToFloat,
  toFloat32,
  type WeightData,
  type WeightDType,
  type WeightTensor,
} from './weights/dtypes.js';
export { openSafetensors, readSafetensors, type TensorToWrite, writeSafetensors } from './weights/safetensors.js';
export { ENCODER_PREFIX, StateDict, TIED_WEIGHTS } from './weights/state-dict.js';
