import { WeightsError } from '../errors.js';
import { toFloat32, type WeightTensor } from './dtypes.js';

/** Where the encoder lives in the head classes' state dicts (`ConvBertForX.convbert`). */
export const ENCODER_PREFIX = 'convbert.';

/** First name segments of encoder tensors (with or without the `convbert.` prefix); any other is a head's. */
const ENCODER_PARTS = new Set(['convbert', 'embeddings', 'embeddings_project', 'encoder']);

/** Weights that the reference ties to another tensor and does not save (`not_saved_keys`). */
export const TIED_WEIGHTS: Readonly<Record<string, string>> = {
  'generator_lm_head.weight': 'embeddings.word_embeddings.weight',
};

/**
 * The tensors of a checkpoint by their state-dict names. Lookups accept Hugging Face names with
 * or without the `convbert.` prefix, so a `ConvBertModel` file and a `ConvBertForX` file serve
 * the same encoder, and tied weights absent from the file resolve to the tensor they are tied to.
 */
export class StateDict {
  readonly tensors: ReadonlyMap<string, WeightTensor>;
  readonly metadata: Readonly<Record<string, string>>;

  constructor(tensors: ReadonlyMap<string, WeightTensor>, metadata: Record<string, string> = {}) {
    this.tensors = tensors;
    this.metadata = metadata;
  }

  keys(): string[] {
    return [...this.tensors.keys()];
  }

  /** The stored key a name resolves to, or undefined. */
  resolve(name: string): string | undefined {
    const candidates = [name];
    if (name.startsWith(ENCODER_PREFIX)) candidates.push(name.slice(ENCODER_PREFIX.length));
    else candidates.push(ENCODER_PREFIX + name);
    for (const c of candidates) if (this.tensors.has(c)) return c;
    const tied = Object.hasOwn(TIED_WEIGHTS, name) ? TIED_WEIGHTS[name] : undefined;
    return tied === undefined ? undefined : this.resolve(tied);
  }

  has(name: string): boolean {
    return this.resolve(name) !== undefined;
  }

  /** The tensor, checked against `shape` when given. */
  get(name: string, shape?: readonly number[]): WeightTensor {
    const key = this.resolve(name);
    if (key === undefined) throw this.missing(name);
    const t = this.tensors.get(key) as WeightTensor;
    if (shape !== undefined && (t.shape.length !== shape.length || t.shape.some((d, i) => d !== shape[i]))) {
      throw new WeightsError(
        'WEIGHT_SHAPE',
        `has shape [${t.shape.join(', ')}] but the configuration needs [${shape.join(', ')}]: config.json and the weights disagree`,
        name,
      );
    }
    return t;
  }

  /**
   * Why a tensor is missing. A task head's weights (`classifier.*`, `qa_outputs.*`) absent from
   * a file that has none of that head is a checkpoint of another task (a base model, say), which
   * the message names instead of blaming the configuration.
   */
  private missing(name: string): WeightsError {
    const head = name.startsWith(ENCODER_PREFIX) ? undefined : (name.split('.')[0] as string);
    if (head !== undefined && !ENCODER_PARTS.has(head) && !this.keys().some((k) => k.split('.')[0] === head)) {
      const heads = [...new Set(this.keys().map((k) => k.split('.')[0] as string))].filter((p) => !ENCODER_PARTS.has(p));
      return new WeightsError(
        'WEIGHT_MISSING',
        `is missing: the checkpoint has no "${head}" head (${heads.length ? `its heads: ${heads.join(', ')}` : 'it holds the encoder alone, a base model'}); use one fine-tuned for this task, or ConvBertModel`,
        name,
      );
    }
    return new WeightsError(
      'WEIGHT_MISSING',
      'is missing from the checkpoint: the weights file does not belong to this configuration or is incomplete',
      name,
    );
  }

  /** The tensor's values as float32 (F16/BF16/F64 converted), shape-checked. */
  float32(name: string, shape?: readonly number[]): Float32Array {
    const t = this.get(name, shape);
    if (!(t.dtype === 'F32' || t.dtype === 'F16' || t.dtype === 'BF16' || t.dtype === 'F64')) {
      throw new WeightsError('WEIGHT_DTYPE', `is ${t.dtype}, a floating-point tensor is needed`, name);
    }
    return toFloat32(t);
  }
}
