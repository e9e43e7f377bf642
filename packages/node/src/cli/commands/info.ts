import { loadModelFiles } from '@convbert/core';
import { loadEitherFramework } from '@convbert/heads';
import { embeddedModels } from '../../default-models.js';
import { openSource } from '../../sources/open.js';
import { type CommonFlags, loadOptionsFrom } from '../run-task.js';

/** Parameter count and bytes by dtype, from a weights file's header. */
function weightSummary(files: Awaited<ReturnType<typeof loadModelFiles>>) {
  if (files.kind !== 'checkpoint') return null;
  let params = 0;
  const byDtype: Record<string, number> = {};
  for (const key of files.weights.keys()) {
    const t = files.weights.get(key);
    const n = t.shape.reduce((a, b) => a * b, 1);
    params += n;
    byDtype[t.dtype] = (byDtype[t.dtype] ?? 0) + n;
  }
  return { params, byDtype };
}

/** What `@convbert/models` says of each model (data, score); nothing when it is not installed. */
async function modelCards(): Promise<Map<string, { data: string; score: string }>> {
  try {
    const { EMBEDDED_MODELS } = await import('@convbert/models');
    return new Map(EMBEDDED_MODELS.map((m) => [m.name, { data: m.data, score: m.score }]));
  } catch {
    return new Map();
  }
}

/** `convbert info` without a model: the models shipped with the package, their tasks and scores. */
async function listEmbedded(json: boolean | undefined): Promise<void> {
  const cards = await modelCards();
  const models = embeddedModels().map((m) => ({ ...m, ...cards.get(m.name) }));
  if (json) {
    process.stdout.write(`${JSON.stringify({ embedded: models }, null, 2)}\n`);
    return;
  }
  if (models.length === 0) {
    process.stdout.write('no embedded models: @convbert/models is not installed (npm i @convbert/models)\n');
    return;
  }
  const lines = models.map(
    (m) =>
      `${m.name.padEnd(22)} ${m.tasks.join(', ').padEnd(42)} ${m.score ?? ''}${m.data ? ` (${m.data})` : ''}\n${''.padEnd(23)}${m.dir}`,
  );
  process.stdout.write(`embedded models (DEFAULT_MODEL_DIRS; pass a folder as --model to use another):\n${lines.join('\n')}\n`);
}

export async function runInfo(model: string | undefined, flags: CommonFlags & { json?: boolean }): Promise<void> {
  if (model === undefined) {
    await listEmbedded(flags.json);
    return;
  }
  const { revision, cacheDir, localFilesOnly } = loadOptionsFrom(flags);
  const source = await openSource(model, { revision, cacheDir, localFilesOnly });
  const files = await loadEitherFramework((o) => loadModelFiles(source, o), {});
  const config = files.config;
  const weights = weightSummary(files);
  const info = {
    model: source.id,
    format: files.kind === 'onnx' ? `ONNX export (${files.file})` : `checkpoint (${files.file})`,
    architecture: config?.architectures?.[0] ?? null,
    config: config?.toJSON() ?? null,
    derived: config?.derived ?? null,
    labels: config ? config.id2label : null,
    parameters: weights?.params ?? null,
    dtypes: weights?.byDtype ?? null,
  };
  if (flags.json) {
    process.stdout.write(`${JSON.stringify(info, null, 2)}\n`);
    return;
  }
  const out: string[] = [`model          ${info.model}`, `format         ${info.format}`];
  if (config) {
    const d = config.derived;
    out.push(
      `architecture   ${info.architecture ?? '(not given)'}`,
      `layers         ${config.num_hidden_layers}`,
      `hidden         ${config.hidden_size} (embedding ${config.embedding_size}${d.usesEmbeddingsProject ? ', projected' : ''})`,
      `heads          ${d.numHeads} self-attention + ${d.numHeads} span-conv, ${d.headSize} wide, kernel ${config.conv_kernel_size}`,
      `feed-forward   ${config.intermediate_size} (${config.num_groups} group${config.num_groups > 1 ? 's' : ''}), ${config.hidden_act}`,
      `max length     ${config.max_position_embeddings}`,
      `vocabulary     ${config.vocab_size}`,
      `labels         ${Object.entries(config.id2label)
        .map(([i, l]) => `${i}=${l}`)
        .join(', ')}`,
    );
  }
  if (weights) {
    out.push(
      `parameters     ${weights.params.toLocaleString('en-US')} (${Object.entries(weights.byDtype)
        .map(([k, v]) => `${k} ${v.toLocaleString('en-US')}`)
        .join(', ')})`,
    );
  }
  process.stdout.write(`${out.join('\n')}\n`);
}
