// `@convbert/core`: what loading and running ConvBERT needs on any backend — the model session and
// the encoder, the backend interface (and the remote one), sources, weights readers, hub naming and
// errors. Building graphs is `@convbert/core/graph`.
/** @module @convbert/core */
export { ConvBertError } from '@convbert/config';
export { CoreError, type CoreErrorCode, WeightsError } from './errors.js';
export * from './hub/index.js';
export { OUTPUT_NAMES } from './model/output-names.js';
export { DTYPES, type DType } from './onnx/dtype.js';
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
export { ConvBertEncoder, ENCODER_GRAPH, type EncoderOutput } from './runtime/encoder-model.js';
export type { GraphCache, LoadProgress } from './runtime/graph-cache.js';
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
export { floatsToHalf, floatToHalf, halfToFloat, toFloat32, type WeightDType, type WeightTensor } from './weights/dtypes.js';
export { openSafetensors, readSafetensors, type TensorToWrite, writeSafetensors } from './weights/safetensors.js';
export type { StateDict } from './weights/state-dict.js';
