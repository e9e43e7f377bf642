import type { Admission } from './admission.js';
import type { ServeMetrics } from './metrics.js';
import type { ServedModel } from './served-model.js';

/** `serving`; `draining`: /ready says 503, requests are still answered; `stopping`: no new connections, in-flight work finishes. */
export type Phase = 'serving' | 'draining' | 'stopping';

/** What every route needs: the models, the limits, readiness. */
export interface ServeContext {
  readonly models: Map<string, ServedModel>;
  /** The model `POST /` and OpenAI's default use: the first one given. */
  defaultModel(): ServedModel | undefined;
  readonly metrics: ServeMetrics;
  readonly admission: Admission;
  readonly timeoutMs: number;
  /** Inputs (or tensor rows) in one request at most. */
  readonly maxInputs: number;
  /** Tokens in one request at most. */
  readonly maxRequestTokens: number;
  /** When the server started, in Unix seconds (OpenAI's `created`). */
  readonly startedAt: number;
  /** Every model is loaded. */
  loaded(): boolean;
  phase(): Phase;
  /** Loaded and not draining: what /ready says. */
  isReady(): boolean;
}
