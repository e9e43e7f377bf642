/**
 * Precision of the built graph's weights. Computation is float32 in every case (ONNX Runtime's
 * CPU kernels are float32; float16 compute would mostly add casts):
 * - `fp32`: weights as stored;
 * - `fp16`: matrices and embedding tables stored as float16 and cast to float32 in the graph
 *   (half the file; ORT folds the cast once at session creation);
 * - `int8` (alias `q8`): matrices quantised symmetrically per output channel to int8, and every
 *   product with them dynamically quantised: the activations are quantised at run time
 *   (`DynamicQuantizeLinear`, uint8) and multiplied in integers (`MatMulInteger`), then scaled
 *   back to float32 — ONNX Runtime fuses this into `DynamicQuantizeMatMul`. Embedding tables are
 *   int8 per row, gathered then scaled; small tensors (tied LM head, the reference-shaped depthwise convolution) are
 *   expanded by `DequantizeLinear`. Biases, LayerNorm, attention and softmax stay float32;
 * - `uint8`: the same with the weights stored as uint8 around zero point 128 (uint8 × uint8
 *   products, for CPUs whose int8 kernels want unsigned weights).
 */
export type DType = 'fp32' | 'fp16' | 'int8' | 'q8' | 'uint8';

/** Every weight precision a graph can be built with (`dtype` option). */
export const DTYPES: readonly DType[] = ['fp32', 'fp16', 'int8', 'q8', 'uint8'];
