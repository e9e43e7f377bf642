import type { ServeMetrics } from './metrics.js';
import type { ServedModel } from './served-model.js';

/** What every route needs: the models, the limits, readiness. */
export interface ServeContext {
  readonly models: Map<string, ServedModel>;
  /** The model `POST /` and OpenAI's default use: the first one given. */
  defaultModel(): ServedModel | undefined;
  readonly metrics: ServeMetrics;
  readonly timeoutMs: number;
  readonly maxInputs: number;
  isReady(): boolean;
  isClosing(): boolean;
}
