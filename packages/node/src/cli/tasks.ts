import { type NodePipeline, type PipelineOptions, pipeline } from '../pipeline.js';

export const CLI_TASKS = [
  'fill-mask',
  'text-classification',
  'token-classification',
  'question-answering',
  'multiple-choice',
  'feature-extraction',
] as const;
export type CliTask = (typeof CLI_TASKS)[number];

export interface LoadedTaskPipeline {
  run(input: unknown, options: Record<string, unknown>): Promise<unknown>;
  dispose(): Promise<void>;
}

/** The task's pipeline, from `--model` or the embedded default. */
export async function loadTaskPipeline(task: CliTask, model: string | undefined, options: PipelineOptions): Promise<LoadedTaskPipeline> {
  const clean = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as PipelineOptions;
  const pipe = (await pipeline(task, model, clean)) as NodePipeline<CliTask>;
  return {
    run: (input, opts) => (pipe as unknown as (i: unknown, o: unknown) => Promise<unknown>)(input, opts),
    dispose: () => pipe.dispose(),
  };
}
