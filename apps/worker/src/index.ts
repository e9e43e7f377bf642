// A Cloudflare Worker that classifies the sentiment of English text with the embedded SST-2
// ConvBERT, answering as the Hugging Face Inference API does for text classification:
//   POST /  {"inputs": "a gorgeous, witty, seductive movie."}
//   → [{"label":"POSITIVE","score":0.9995},{"label":"NEGATIVE","score":0.0005}]   (best first)
// `inputs` may also be an array of texts (then one such list per text).
import { MemorySource, pipeline, type WebPipeline } from '@convbert/web';
import config from '../model/config.json';
import model from '../model/onnx/model.onnx';
import specialTokens from '../model/special_tokens_map.json';
import tokenizerConfig from '../model/tokenizer_config.json';
import vocab from '../model/vocab.txt';

const MAX_TEXTS = 64;

// One model per isolate: built on the first request, reused by every later one.
let classifier: Promise<WebPipeline<'text-classification'>> | undefined;

function loadClassifier(): Promise<WebPipeline<'text-classification'>> {
  const source = new MemorySource(
    {
      'config.json': JSON.stringify(config),
      'onnx/model.onnx': new Uint8Array(model),
      'vocab.txt': vocab,
      'tokenizer_config.json': JSON.stringify(tokenizerConfig),
      'special_tokens_map.json': JSON.stringify(specialTokens),
    },
    'convbert-mini-sst2',
  );
  // A pre-built ONNX file: the isolate never builds a graph (and no cache is needed).
  return pipeline('text-classification', source, { format: 'onnx', topK: null });
}

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

function badRequest(error: string): Response {
  return json({ error }, 400);
}

export default {
  async fetch(request: Request): Promise<Response> {
    const url = new URL(request.url);
    if (url.pathname !== '/') return json({ error: `no route ${url.pathname}: POST / with {"inputs": "..."}` }, 404);
    if (request.method !== 'POST') return json({ error: 'use POST / with {"inputs": "..."}' }, 405);
    let body: unknown;
    try {
      body = await request.json();
    } catch {
      return badRequest('the body must be JSON: {"inputs": "..."}');
    }
    const inputs = (body as { inputs?: unknown } | null)?.inputs;
    const texts = typeof inputs === 'string' ? [inputs] : inputs;
    if (!Array.isArray(texts) || texts.length === 0 || !texts.every((t) => typeof t === 'string')) {
      return badRequest('"inputs" must be a string or a non-empty array of strings');
    }
    if (texts.length > MAX_TEXTS) return badRequest(`at most ${MAX_TEXTS} texts per request`);
    if (classifier === undefined) {
      classifier = loadClassifier();
      // A failed load is not cached: the next request tries again.
      classifier.catch(() => {
        classifier = undefined;
      });
    }
    const clf = await classifier;
    const out = (await clf(texts as string[])) as { label: string; score: number }[][];
    const ranked = out.map((labels) => [...labels].sort((a, b) => b.score - a.score).map(({ label, score }) => ({ label, score })));
    return json(typeof inputs === 'string' ? ranked[0] : ranked);
  },
};
