// `ConvBertModel`, the bare encoder under the name users know: core's `ConvBertEncoder` (an ONNX
// export may come without config.json; then inputs are checked against no sizes).
import { ConvBertEncoder } from '@convbert/core';

/** `ConvBertModel`: hidden states; attentions and convolution kernels when built from a checkpoint. */
export class ConvBertModel extends ConvBertEncoder {}
