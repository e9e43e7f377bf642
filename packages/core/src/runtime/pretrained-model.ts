import type { ConvBertConfig } from '@convbert/config';
import type { Backend } from './backend.js';
import { type ModelInfo, type ModelKind, type ModelLoadOptions, ModelSession } from './model-session.js';
import type { ModelSource } from './source.js';

/** A model class as `load` uses it: what it builds (`ModelKind`) and its constructor. */
export type ModelClass<M> = ModelKind & (new (session: ModelSession) => M);

/** Loads a model folder as `Model`: an ONNX export as is, or the checkpoint built into the class's graph. */
export async function loadModel<M>(
  Model: ModelClass<M>,
  source: ModelSource,
  backend: Backend,
  options: ModelLoadOptions = {},
): Promise<M> {
  return new Model(await ModelSession.load(source, backend, Model, options));
}

/**
 * What every ConvBERT model class shares (transformers' `ConvBertPreTrainedModel`): a loaded
 * `ModelSession`, its configuration and origin, `load` from a folder on a backend, `dispose`.
 * Each class says which graph it builds from a checkpoint (`static graph`) and, for the
 * `TFConvBert*` classes, that it prefers TensorFlow weights (`static framework`).
 */
export abstract class ConvBertPreTrainedModel {
  readonly config: ConvBertConfig | undefined;
  protected readonly session: ModelSession;

  constructor(session: ModelSession) {
    this.session = session;
    this.config = session.config;
  }

  /** Loads a model folder as this class: an ONNX export as is, or the checkpoint built into the class's graph. */
  static async load<M>(this: ModelClass<M>, source: ModelSource, backend: Backend, options: ModelLoadOptions = {}): Promise<M> {
    // biome-ignore lint/complexity/noThisInStatic: `this` is the class called (a subclass), the one to build
    return loadModel(this, source, backend, options);
  }

  /** Where the model came from (a built graph or an ONNX export, its file and dtype). */
  get info(): ModelInfo {
    return this.session.info;
  }

  /** Releases the backend's session; calls after this are refused with `MODEL_DISPOSED`. */
  dispose(): Promise<void> {
    return this.session.dispose();
  }
}
