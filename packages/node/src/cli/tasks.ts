import { type NodePipeline, type PipelineOptions, pipeline } from '../platform.js';

export const CLI_TASKS = [
  'fill-mask',
  'text-classification',
  'token-classification',
  'question-answering',
  'multiple-choice',
  'feature-extraction',
] as const;
export type CliTask = (typeof CLI_TASKS)[number];

/** Tasks where `--top-k` means something (the others refuse it as an unknown option). */
export const TOP_K_TASKS: readonly CliTask[] = ['fill-mask', 'text-classification', 'question-answering'];

export interface LoadedTaskPipeline {
  run(input: unknown, options: Record<string, unknown>): Promise<unknown>;
  dispose(): Promise<void>;
}

/** The task's pipeline, from `--model` or the embedded default. */
export async function loadTaskPipeline(task: CliTask, model: string | undefined, options: PipelineOptions): Promise<LoadedTaskPipeline> {
  const clean = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as PipelineOptions;
  const pipe = (await pipeline(task, model, clean)) as NodePipeline<CliTask>;
  const call = pipe as unknown as (i: unknown, o: unknown) => Promise<unknown>;
  return {
    // One {prompt, choices} goes in as a batch of one, the form every version of the pipeline takes.
    run: async (input, opts) => (task === 'multiple-choice' ? ((await call([input], opts)) as unknown[])[0] : call(input, opts)),
    dispose: () => pipe.dispose(),
  };
}
