import { PbfWriter } from 'pbf';
import { type ModelProto, writeModelProto } from './proto.generated.js';

export * from './proto.generated.js';

/** Room for everything but the weights (nodes, names, shapes); the buffer grows past it if needed. */
const GRAPH_SLACK = 1 << 20;

/**
 * Encodes an ONNX ModelProto with the pbf code generated from proto/onnx-subset.proto (`pnpm gen:proto`).
 * The buffer is sized from the weights up front, so a large model is not copied again and again
 * while the writer grows; the result is a view of the bytes written, not of the whole buffer.
 */
export function encodeModelProto(model: ModelProto): Uint8Array {
  let weights = 0;
  for (const t of model.graph?.initializer ?? []) weights += t.rawData?.byteLength ?? 0;
  const pbf = new PbfWriter(new Uint8Array(weights + GRAPH_SLACK));
  writeModelProto(model, pbf);
  return pbf.finish();
}
