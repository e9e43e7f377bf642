import { layerNorm, linear } from '../onnx/ops.js';
import type { EncoderContext } from './context.js';

/**
 * `ConvBertEmbeddings` then `embeddings_project`: word + position (0..L-1) + token type
 * embeddings, LayerNorm over `embedding_size`, then the projection to `hidden_size` when the
 * two differ. Returns `hidden_states.0`.
 */
export function embeddings(ctx: EncoderContext, inputIds: string, tokenTypeIds: string, seqLen: string): string {
  const { g, p, config: c } = ctx;
  const pre = `${ctx.prefix}embeddings`;
  const E = c.embedding_size;
  const words = p.gatherRows(`${pre}.word_embeddings.weight`, c.vocab_size, E, inputIds);
  const positionIds = g.op('Range', [g.int64([0], []), seqLen, g.int64([1], [])]);
  const positions = p.gatherRows(`${pre}.position_embeddings.weight`, c.max_position_embeddings, E, positionIds);
  const types = p.gatherRows(`${pre}.token_type_embeddings.weight`, c.type_vocab_size, E, tokenTypeIds);
  const sum = g.op('Add', [g.op('Add', [words, positions]), types]);
  const normed = layerNorm(p, sum, `${pre}.LayerNorm`, E, c.layer_norm_eps);
  if (!ctx.sizes.usesEmbeddingsProject) return normed;
  return linear(p, normed, `${ctx.prefix}embeddings_project`, E, c.hidden_size);
}
