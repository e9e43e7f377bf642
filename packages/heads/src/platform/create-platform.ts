// One loading layer for every platform. A platform package (`@convbert/node`, `@convbert/web`)
// says how it opens a model (its sources), what it runs on (its backend), where it keeps built
// graphs and which option keys these take; this makes every class, `Auto*`, `AutoTokenizer` and
// `pipeline` of it, so that the platforms differ in I/O and binding only (as onnxruntime's `js/`
// packages share `onnxruntime-common` and register a backend each).
import {
  type Backend,
  type ConvBertPreTrainedModel,
  checkDType,
  checkOptions,
  type DType,
  type GraphCache,
  type LoadOptions,
  type LoadProgress,
  loadModel,
  type ModelClass,
  type ModelLoadOptions,
  type ModelSession,
  type ModelSource,
} from '@convbert/core';
import type { ConvBertTokenizer, ConvBertTokenizerFast } from '@convbert/tokenizer';
import { type AutoContext, makeAutoClasses } from '../models/auto.js';
import { MODEL_CLASSES, type ModelClasses } from '../models/classes.js';
import { loadModelForTask } from '../models/registry.js';
import { checkPipelineTask, type Pipeline, type PipelineTask, type TaskOptions, pipeline as taskPipeline } from '../pipelines/pipeline.js';
import { type ModelCall, type PipelineTimings, timedPipeline } from '../pipelines/timings.js';
import type { TokenizerLike } from '../tokenizer.js';
import { loadTokenizer, type TokenizerLoadOptions, type VocabConverter } from '../tokenizer-loader.js';
import { PIPELINE_LOAD_EXTRAS, type PipelineLoadExtras, splitPipelineOptions } from './pipeline-options.js';

/** The loader options every platform takes, whatever its sources and backend. */
export interface ModelLoadingOptions {
  /** Precision of a graph built from a checkpoint (`DTYPES`); refused for an ONNX export, whose precision is fixed. */
  dtype?: DType;
  /** `auto` (default): an ONNX export when the folder has one, else the checkpoint; `onnx` or `checkpoint` to choose. */
  format?: LoadOptions['format'];
  /** A specific ONNX file inside the folder (implies `format: 'onnx'`). */
  onnxFile?: string;
  /** A PyTorch class loads a TensorFlow checkpoint (`tf_model.h5`), like transformers' `from_tf=True`. */
  fromTF?: boolean;
  /** A TFConvBert* class loads a PyTorch checkpoint (model.safetensors, pytorch_model.bin), like `from_pt=True`. */
  fromPT?: boolean;
  /**
   * Keep graphs built from checkpoints between loads: `true` for the platform's cache (files under
   * `<cache>/graphs` in Node, the default there; Cache Storage in browsers, off by default), `false`
   * for none, or your own `GraphCache`.
   */
  graphCache?: GraphCache | boolean;
  /** Where the model runs instead of the platform's backend, e.g. `remote(url)` (an inference server). */
  backend?: Backend;
  /** Download progress of each file, then the graph build step. */
  onProgress?: (p: LoadProgress) => void;
}

const LOADING_KEYS = ['dtype', 'format', 'onnxFile', 'fromTF', 'fromPT', 'graphCache', 'backend', 'onProgress'] as const;

/** What a platform package supplies. `S`: where-from options (hub settings…), `B`: how-to-run options (device…). */
export interface Platform<Ref, S extends object, B extends object> {
  /** The keys of `S`, without `onProgress` (every platform's sources take that one). */
  readonly sourceKeys: readonly (keyof S & string)[];
  /** The keys of `B`. */
  readonly backendKeys: readonly (keyof B & string)[];
  /** The model folder a reference names (a folder path, a hub id, a URL…). */
  openSource(ref: Ref, options: S & { onProgress?: (p: LoadProgress) => void }): ModelSource | Promise<ModelSource>;
  /** The platform's backend for these options. */
  createBackend(options: B): Backend;
  /** The graph cache for the `graphCache` option (`undefined` when not given). */
  graphCache(option: GraphCache | boolean | undefined, source: S): GraphCache | undefined;
  /** The model `pipeline(task)` loads when given none; throws where the platform has none. */
  defaultModel(task: PipelineTask): Ref;
  /** Turns a vocab-only folder into the fast tokenizer, as transformers does; WordPiece without it. */
  convertVocab?: VocabConverter;
}

/** `fromPretrained` as a platform gives it to a model class: a reference and the platform's options. */
export interface FromPretrained<Ref, O> {
  /** Loads the model from a folder, hub id or URL (whatever the platform takes) with the platform's options. */
  fromPretrained<M>(this: new (session: ModelSession) => M, model: Ref, options?: O): Promise<M>;
}

/** A model class of a platform: the class, with the platform's `fromPretrained`. */
export type PlatformClass<C, Ref, O> = C & FromPretrained<Ref, O>;

/** `pipeline()`'s options: the loader's, `useFast`, `timings`, and the task's call defaults. */
export type PipelineOptions<O, T extends PipelineTask = PipelineTask> = O & PipelineLoadExtras & TaskOptions<T>;

/** A loaded pipeline: call it (or its `run`) like the task's pipeline; `dispose` releases the model. */
export type PlatformPipeline<T extends PipelineTask> = Pipeline<T> & PipelineHandle<T>;

/** What `pipeline()` adds to the task's callable pipeline. */
export interface PipelineHandle<T extends PipelineTask> {
  /** Runs one call (same as calling the pipeline). */
  run: Pipeline<T>;
  readonly tokenizer: TokenizerLike;
  /** With `timings: true`: the last call's timings and model calls (ids fed, raw outputs). */
  readonly lastTimings: PipelineTimings | undefined;
  readonly lastCalls: readonly ModelCall[];
  /** Releases the model's session. */
  dispose(): Promise<void>;
}

type AnyModelClass = ModelClass<ConvBertPreTrainedModel>;

/** Every class, `Auto*`, `AutoTokenizer` and `pipeline` of a platform. */
export function createPlatform<Ref, S extends object, B extends object>(platform: Platform<Ref, S, B>) {
  type O = S & B & ModelLoadingOptions;
  const loadKeys: readonly string[] = [...platform.sourceKeys, ...platform.backendKeys, ...LOADING_KEYS];
  const pick = (o: object, keys: readonly string[]) =>
    Object.fromEntries(Object.entries(o).filter(([k, v]) => keys.includes(k) && v !== undefined));

  /** Checks a loader's options (before any file is touched) and opens the model's source and backend. */
  async function open(ref: Ref, options: O | undefined, where: string): Promise<AutoContext> {
    const o = checkOptions<O>(options, { known: loadKeys }, where);
    checkDType(o.dtype, where);
    const { dtype, format, onnxFile, fromTF, fromPT, onProgress } = o;
    const sourceOptions = pick(o, [...platform.sourceKeys, 'onProgress']) as S;
    const source = await platform.openSource(ref, sourceOptions);
    const backend = o.backend ?? platform.createBackend(pick(o, platform.backendKeys) as B);
    const load: ModelLoadOptions = { dtype, format, onnxFile, fromTF, fromPT, onProgress };
    const graphCache = platform.graphCache(o.graphCache, sourceOptions);
    return { source, backend, load: graphCache === undefined ? load : { ...load, graphCache } };
  }

  /** Loads `Model` (any model class: a platform's own, core's encoder…) through the platform. */
  async function fromPretrained<M>(Model: ModelClass<M>, ref: Ref, options?: O, where = 'fromPretrained options'): Promise<M> {
    const ctx = await open(ref, options, where);
    return loadModel(Model, ctx.source, ctx.backend, ctx.load);
  }

  // The platform's class of each built-in class, so that Auto* construct them too.
  const own = new Map<AnyModelClass, AnyModelClass>();
  const bind = <C extends AnyModelClass>(Base: C, name: string): PlatformClass<C, Ref, O> => {
    const Bound = class extends (Base as AnyModelClass) {
      static fromPretrained(model: Ref, options?: O) {
        // biome-ignore lint/complexity/noThisInStatic: `this` is the class called, a subclass too (it is what gets built)
        return fromPretrained(this, model, options);
      }
    };
    Object.defineProperty(Bound, 'name', { value: name });
    own.set(Base, Bound);
    return Bound as unknown as PlatformClass<C, Ref, O>;
  };

  const classes = Object.fromEntries(Object.entries(MODEL_CLASSES).map(([name, Base]) => [name, bind(Base, name)])) as {
    [Name in keyof ModelClasses]: PlatformClass<ModelClasses[Name], Ref, O>;
  };

  const AutoTokenizer = {
    /**
     * `AutoTokenizer.fromPretrained(model)`: the fast tokenizer from `tokenizer.json`, else from
     * `vocab.txt` (converted where the platform converts, WordPiece otherwise); `useFast: false`
     * for WordPiece from `vocab.txt`.
     */
    async fromPretrained(model: Ref, options?: S & TokenizerLoadOptions): Promise<ConvBertTokenizer | ConvBertTokenizerFast> {
      const { useFast, ...source } = checkOptions<S & TokenizerLoadOptions>(
        options,
        { known: [...platform.sourceKeys, 'onProgress', 'useFast'] },
        'AutoTokenizer.fromPretrained options',
      );
      return loadTokenizer(await platform.openSource(model, source as S), { useFast }, platform.convertVocab);
    },
  };

  /**
   * `pipeline(task, model?, options?)` as in transformers: loads the model for the task and its
   * tokenizer, and returns the task's pipeline as a callable. `options` holds the loader's options
   * and the defaults of every call (`topK`, `aggregationStrategy`…).
   */
  async function pipeline<T extends PipelineTask>(task: T, model?: Ref, options?: PipelineOptions<O, T>): Promise<PlatformPipeline<T>> {
    checkPipelineTask(task);
    const { load: bag, defaults } = splitPipelineOptions<T>(options, [...loadKeys, ...PIPELINE_LOAD_EXTRAS]);
    const { useFast, timings, ...load } = checkOptions<O & PipelineLoadExtras>(
      bag,
      { known: [...loadKeys, ...PIPELINE_LOAD_EXTRAS] },
      'pipeline options',
    );
    const ctx = await open(model ?? platform.defaultModel(task), load as O, 'pipeline options');
    // The tokenizer loads while the model does (its files arrive and parse during the weights'
    // download); a model that fails is reported first, whatever the tokenizer did.
    const tokenizing = loadTokenizer(ctx.source, { useFast }, platform.convertVocab);
    tokenizing.catch(() => {});
    const m = await loadModelForTask(task, ctx.source, ctx.backend, ctx.load);
    try {
      const tokenizer = await tokenizing;
      const pipe = timings ? timedPipeline(task, m, tokenizer, defaults) : taskPipeline(task, m, tokenizer, defaults);
      const handle: PipelineHandle<T> = {
        run: pipe,
        tokenizer,
        lastTimings: undefined,
        lastCalls: [],
        dispose: () => m.dispose(),
      };
      // A timed pipeline keeps its own lastTimings / lastCalls (getters), which assign leaves in place. (The
      // type is named: TypeScript cannot merge `run` into `Pipeline<T>`'s generic call signature itself.)
      return Object.assign(pipe, timings ? { run: pipe, tokenizer, dispose: handle.dispose } : handle) as PlatformPipeline<T>;
    } catch (err) {
      await m.dispose();
      throw err;
    }
  }

  const auto = makeAutoClasses(
    (model: Ref, options: O | undefined) => open(model, options, 'fromPretrained options'),
    (Model) => own.get(Model as AnyModelClass) ?? Model,
  );
  return {
    ...classes,
    ...auto,
    AutoTokenizer,
    /** `pipeline(task, model?, options?)`: the task's callable pipeline (see `PlatformPipeline`). */
    pipeline,
    /** Loads any model class of this platform from a reference (`fromPretrained(Class, model, options)`). */
    fromPretrained,
  };
}
