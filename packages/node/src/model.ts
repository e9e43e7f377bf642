import { ConvBertEncoder } from '@convbert/core';
import { type NodeLoadOptions, nodeLoadContext } from './load-context.js';

/**
 * `ConvBertModel` (the bare encoder) on onnxruntime-node. `fromPretrained(idOrDir)` takes a
 * local folder or a hub repo id: a Hugging Face checkpoint (config.json + model.safetensors or
 * pytorch_model.bin) is built into a graph (cached by content), an ONNX export
 * (`model.onnx` / `onnx/model.onnx`) is loaded as is.
 */
export class ConvBertModel extends ConvBertEncoder {
  static async fromPretrained(idOrDir: string, options: NodeLoadOptions = {}): Promise<ConvBertModel> {
    const ctx = await nodeLoadContext(idOrDir, options);
    const { session, config, info } = await ConvBertEncoder.createSession(ctx.source, ctx.backend, {
      ...ctx.load,
      graphCache: ctx.graphCache,
    });
    return new ConvBertModel(session, config, info);
  }
}
