// `pipeline(task, model, options)` takes one bag: how to load (the platform's loader options,
// `useFast`, `timings`) and the defaults of every call (`topK`, `pooling`…). This splits it.
import { OptionsError, snakeCase, suggestName } from '@convbert/core';
import type { PipelineTask, TaskOptions } from '../pipelines/pipeline.js';

/** Loader options of `pipeline()` beyond `fromPretrained`'s. */
export interface PipelineLoadExtras {
  /** `false`: the WordPiece tokenizer from `vocab.txt` even when `tokenizer.json` is there. */
  useFast?: boolean;
  /** Measure each call (tokenize / run / post-process) and keep its model calls: `lastTimings`, `lastCalls`. */
  timings?: boolean;
}

export const PIPELINE_LOAD_EXTRAS = ['useFast', 'timings'] as const;

/**
 * Call options of the task pipelines (and their snake_case spellings): a near miss of one of
 * these is left for the pipeline to report, never taken for a loader option.
 */
const CALL_OPTIONS = [
  'batchSize',
  'batching',
  'onTruncation',
  'topK',
  'targets',
  'pooling',
  'normalize',
  'functionToApply',
  'aggregationStrategy',
  'ignoreLabels',
  'docStride',
  'maxSeqLen',
  'maxQuestionLen',
  'maxAnswerLen',
  'handleImpossibleAnswer',
  'alignToWords',
].flatMap((k) => [k, snakeCase(k)]);

/**
 * Splits `pipeline()` options into loader options and call defaults. A key that is no loader
 * option but a near miss of one (`cacheDri`, `localFileOnly`) is refused here: passed on as a
 * call default, it would be reported against the task's options and the loader's would go unnamed.
 */
export function splitPipelineOptions<T extends PipelineTask>(
  options: object | undefined,
  loadKeys: readonly string[],
): { load: Record<string, unknown>; defaults: TaskOptions<T> } {
  const names = new Set([...loadKeys, ...loadKeys.map(snakeCase)]);
  const load: Record<string, unknown> = {};
  const defaults: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(options ?? {})) {
    if (names.has(k)) {
      load[k] = v;
      continue;
    }
    const near = suggestName(k, [...names]);
    if (near !== undefined && suggestName(k, [...names, ...CALL_OPTIONS]) === near) {
      const key = loadKeys.find((x) => x === near || snakeCase(x) === near) ?? near;
      throw new OptionsError('UNKNOWN_OPTION', `pipeline options: unknown option "${k}" (did you mean "${key}"?)`, k, key);
    }
    defaults[k] = v;
  }
  // The task's pipeline checks its defaults itself (unknown keys refused with the nearest valid one).
  return { load, defaults: defaults as TaskOptions<T> };
}
