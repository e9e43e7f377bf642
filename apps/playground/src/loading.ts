// Loading what a run needs, once per (task, device, worker, model): the pipeline (with staged
// progress), the tokenizer and the model's length for the tokens view, and the encoder the maps
// are drawn from (a graph with the attention and kernel outputs an ONNX export lacks).
import * as web from '@convbert/web';
import PipelineWorkerScript from '@convbert/web/worker?worker';
import { choiceKey, type ModelChoice, openChoice, type PlaygroundSource, workerHubOptions, workerRef } from './models.js';
import type { PictureData } from './pictures.js';
import { LoadProgress } from './progress.js';
import type { TaskDef } from './tasks.js';

export type AnyPipeline = ((...a: unknown[]) => Promise<unknown>) & {
  lastTimings?: web.PipelineTimings;
  lastCalls?: readonly web.ModelCall[];
};

export interface Settings {
  task: TaskDef;
  device: web.WebDevice;
  useWorker: boolean;
  choice: ModelChoice;
}

export interface Load {
  progress: LoadProgress;
  ready: Promise<{ source: PlaygroundSource; pipeline: AnyPipeline }>;
  /** Set once `ready` has settled well: a later run shows no loading stages. */
  done: boolean;
}

const loads = new Map<string, Load>();
const sources = new Map<string, Promise<PlaygroundSource>>();
const encoders = new Map<string, Promise<web.ConvBertModel>>();
const tokenizers = new Map<string, Promise<web.ConvBertTokenizer | web.ConvBertTokenizerFast>>();
let worker: Promise<web.PipelineWorker> | undefined;

function once<T>(cache: Map<string, Promise<T>>, key: string, make: () => Promise<T>): Promise<T> {
  let p = cache.get(key);
  if (!p) {
    p = make();
    cache.set(key, p);
    p.catch(() => cache.delete(key));
  }
  return p;
}

/** The model's source (one per model: its files are read once, whatever loads them). */
export function sourceOf(choice: ModelChoice, demo: string): Promise<PlaygroundSource> {
  return once(sources, choiceKey(choice, demo), () => openChoice(choice, demo));
}

function getWorker(ortOptions: web.OrtWebOptions): Promise<web.PipelineWorker> {
  worker ??= (async () => {
    const w = new web.PipelineWorker(new PipelineWorkerScript());
    await w.configure(ortOptions);
    return w;
  })();
  return worker;
}

/** The pipeline of `s`, loading it (with its progress) the first time. */
export function loadPipeline(s: Settings, ortOptions: web.OrtWebOptions): Load {
  const key = `${s.task.id}|${s.device}|${s.useWorker}|${choiceKey(s.choice, s.task.demo)}`;
  const known = loads.get(key);
  if (known) return known;
  const progress = new LoadProgress(s.useWorker);
  const load: Load = { progress, done: false, ready: Promise.resolve() as never };
  load.ready = (async () => {
    const source = await sourceOf(s.choice, s.task.demo);
    source.onFile = (file, loaded, total) => progress.file(file, loaded, total);
    if (s.useWorker) {
      progress.enter('download');
      const w = await getWorker(ortOptions);
      const pipeline = (await w.pipeline(s.task.id, workerRef(s.choice, s.task.demo) as never, {
        device: s.device,
        graphCache: true,
        ...workerHubOptions(s.choice),
      })) as unknown as AnyPipeline;
      progress.finish('session');
      return { source, pipeline };
    }
    const pipeline = (await web.pipeline(s.task.id, source, {
      device: s.device,
      timings: true,
      graphCache: true,
      onProgress: (e) => progress.library(e),
    })) as unknown as AnyPipeline;
    progress.finish('session');
    return { source, pipeline };
  })();
  loads.set(key, load);
  load.ready.then(
    () => {
      load.done = true;
    },
    () => loads.delete(key),
  );
  return load;
}

export function tokenizerOf(source: PlaygroundSource): Promise<web.ConvBertTokenizer | web.ConvBertTokenizerFast> {
  return once(tokenizers, source.id, () => web.loadTokenizer(source));
}

/** Tokens the model takes at most (config.json's max_position_embeddings). */
export async function maxLengthOf(source: PlaygroundSource): Promise<number> {
  const config = web.parseConfig(new TextDecoder().decode(await source.read('config.json')));
  return config.max_position_embeddings;
}

/** Why a folder gives no maps, when it is the folder's make-up and not a failure. */
export async function noMapsReason(source: PlaygroundSource): Promise<string | undefined> {
  for (const f of ['model.safetensors', 'pytorch_model.bin', 'tf_model.h5']) if (await source.exists(f)) return undefined;
  return 'this folder has no checkpoint weights (model.safetensors, pytorch_model.bin or tf_model.h5), and the maps are drawn from a graph built from them.';
}

/** The attention maps and kernels of (text, pair), from an encoder built from the folder's checkpoint (PyTorch or TF). */
export async function pictures(s: Settings, source: PlaygroundSource, text: string, pair: string | null): Promise<PictureData> {
  const key = `${s.device}|${choiceKey(s.choice, s.task.demo)}`;
  const encoder = await once(encoders, key, async () =>
    web.ConvBertModel.fromPretrained(source, {
      device: s.device,
      format: 'checkpoint',
      graphCache: true,
      ...((await source.onlyTensorFlow()) ? { fromTF: true } : {}),
    }),
  );
  const tokenizer = await tokenizerOf(source);
  const enc = tokenizer.encode(text, pair, { truncation: true, maxLength: encoder.config?.max_position_embeddings });
  const out = await encoder.forward(
    { inputIds: [enc.inputIds], attentionMask: [enc.attentionMask], tokenTypeIds: [enc.tokenTypeIds] },
    { outputAttentions: true, outputConvKernels: true },
  );
  return { tokens: enc.tokens, attentions: out.attentions ?? [], convKernels: out.convKernels ?? [] };
}
