import { ConvBertEncoder, type EncoderLoadOptions } from '@convbert/core';
import { OnnxruntimeNodeBackend } from './backend/onnxruntime-node.js';
import { DirectorySource } from './source/directory.js';

/**
 * `ConvBertModel` (the bare encoder) on onnxruntime-node. `fromPretrained(dir)` builds the
 * graph from a Hugging Face checkpoint folder (config.json + model.safetensors or
 * pytorch_model.bin), or loads `model.onnx` / `onnx/model.onnx` as is.
 */
export class ConvBertModel extends ConvBertEncoder {
  static async fromPretrained(dir: string, options: EncoderLoadOptions = {}): Promise<ConvBertModel> {
    const { session, config, info } = await ConvBertEncoder.createSession(new DirectorySource(dir), new OnnxruntimeNodeBackend(), options);
    return new ConvBertModel(session, config, info);
  }
}
