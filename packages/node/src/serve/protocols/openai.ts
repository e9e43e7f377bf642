// OpenAI's embeddings API shapes (`POST /v1/embeddings`), as the `openai` client sends and reads
// them: it asks for `encoding_format: "base64"` (little-endian float32 bytes) unless told otherwise.
import { ServeError } from '../errors.js';

export interface EmbeddingsRequest {
  model?: string;
  input: unknown;
  encoding_format?: 'float' | 'base64';
  dimensions?: number;
  user?: string;
}

export function embeddingInputs(input: unknown, maxInputs: number): string[] {
  const items = Array.isArray(input) ? input : [input];
  if (items.length === 0) throw new ServeError('INVALID_INPUT', 'input is an empty array: send at least one text');
  if (items.length > maxInputs)
    throw new ServeError('TOO_MANY_INPUTS', `input has ${items.length} items; at most ${maxInputs} per request`);
  return items.map((t, i) => {
    const field = Array.isArray(input) ? `input[${i}]` : 'input';
    if (typeof t !== 'string') {
      throw new ServeError('INVALID_INPUT', `${field} must be a string (token-id inputs are not supported), got ${typeof t}`);
    }
    if (t.trim() === '') throw new ServeError('INVALID_INPUT', `${field} is empty: send some text`);
    return t;
  });
}

function base64(v: Float32Array): string {
  const le = new Float32Array(v);
  return Buffer.from(le.buffer, le.byteOffset, le.byteLength).toString('base64');
}

export function embeddingsResponse(
  model: string,
  vectors: Float32Array[],
  tokens: number,
  format: EmbeddingsRequest['encoding_format'],
): Record<string, unknown> {
  return {
    object: 'list',
    data: vectors.map((v, index) => ({ object: 'embedding', index, embedding: format === 'base64' ? base64(v) : Array.from(v) })),
    model,
    usage: { prompt_tokens: tokens, total_tokens: tokens },
  };
}

/** One entry of `GET /v1/models` (OpenAI's model object). */
export function modelObject(id: string, created: number) {
  return { id, object: 'model', created, owned_by: 'convbert' };
}

/** `GET /v1/models`: the served names. */
export function modelList(names: string[], created: number) {
  return { object: 'list', data: names.map((id) => modelObject(id, created)) };
}
