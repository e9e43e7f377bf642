// Runs the behaviour suite inside workerd (Cloudflare Workers' runtime) with @convbert/web as a
// Worker gets it (the `workerd` export condition: onnxruntime-web/wasm, its wasm uploaded as a
// module). There is no file system: fixtures and models come over HTTP from the test's server,
// `GET /?base=<its URL>`. Answers the suite's lines; status 500 when a check failed.
import * as lib from '@convbert/web';
import { runSuite } from './suite.mjs';

export default {
  async fetch(request) {
    const base = new URL(request.url).searchParams.get('base');
    if (base === null) return new Response('give ?base=<URL of the repository root>', { status: 400 });
    const readText = async (path) => {
      const res = await fetch(new URL(path, base));
      if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
      return res.text();
    };
    const folder = (path) => new lib.UrlSource(new URL(`${path}/`, base).href);
    const result = await runSuite({
      runtime: `workerd (${navigator.userAgent})`,
      backend: 'web',
      lib,
      readText,
      model: folder,
      defaultModel: folder('packages/models/models/convbert-mini-sst2'),
      // Cache Storage in a Worker may refuse every call; the graph cache must shrug that off.
      loadOptions: { graphCache: true },
    });
    return new Response(result.lines.join('\n'), { status: result.failed > 0 ? 500 : 200 });
  },
};
