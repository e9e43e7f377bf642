import type { ModelSource } from '@convbert/core';
import { WebError } from '../errors.js';
import { type WebHubOptions, WebHubSource } from './hub-source.js';
import { UrlSource } from './url-source.js';

/** A model: a hub id (`owner/name`), a URL or site path of a folder (`/models/x/`, `https://…/`), or any `ModelSource`. */
export type ModelRef = string | URL | ModelSource;

/** Where a model comes from: the hub settings (used when the model is a hub id) and the fetch to use. */
export type SourceOptions = WebHubOptions;

function isSource(x: unknown): x is ModelSource {
  return (
    typeof x === 'object' && x !== null && typeof (x as ModelSource).read === 'function' && typeof (x as ModelSource).exists === 'function'
  );
}

/** URLs and paths (`/`, `./`, `../`, `http(s)://`, `blob:`) are folders on a web server; anything else is a hub id. */
export function resolveSource(model: ModelRef, options: SourceOptions = {}): ModelSource {
  if (isSource(model)) return model;
  if (model instanceof URL) return new UrlSource(model, { fetch: options.fetch });
  if (typeof model !== 'string' || model.trim() === '') {
    throw new WebError('INVALID_ARGUMENT', 'give the model as a hub id ("owner/name"), a folder URL ("/models/x/") or a ModelSource');
  }
  if (/^(https?:|blob:|\/|\.\.?\/)/.test(model)) return new UrlSource(model, { fetch: options.fetch });
  return new WebHubSource(model, options);
}
