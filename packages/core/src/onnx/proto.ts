import { onnx as encoders } from './proto.generated.js';
import type { onnx as types } from './proto.generated.types.js';

/**
 * ONNX's protobuf messages, encode-only: protobufjs static code generated from
 * proto/onnx-subset.proto (`pnpm gen:proto`), typed by the pbts declarations of that same code.
 * The generated module is type-unchecked JavaScript, hence the one cast here.
 */
export const onnx = encoders as unknown as typeof types;
export type { types as onnxTypes };
