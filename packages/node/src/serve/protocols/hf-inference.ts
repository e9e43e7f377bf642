// The Hugging Face Inference API's JSON shapes (https://huggingface.co/docs/inference-providers,
// hf-inference provider): `{ inputs, parameters }` in, the task's result objects out. The one place
// that knows both the wire names (snake_case: `token_str`, `entity_group`, `top_k`, ...) and the
// pipelines' own names, and accepts either naming from the pipelines, so a change of the pipelines'
// result objects to the reference's names needs no change here.
import type { TaskName } from '../../platform.js';
import { ServeError } from '../errors.js';
import { nestTensor } from './tensors.js';

/** Parameters each task accepts (camelCase; snake_case on the wire). */
const PARAMETERS: Record<string, readonly string[]> = {
  'text-classification': ['topK', 'functionToApply'],
  'fill-mask': ['topK', 'targets'],
  'token-classification': ['aggregationStrategy', 'ignoreLabels'],
  'question-answering': ['topK', 'docStride', 'maxSeqLen', 'maxQuestionLen', 'maxAnswerLen', 'handleImpossibleAnswer', 'alignToWords'],
  'feature-extraction': ['pooling', 'normalize', 'truncate'],
  'multiple-choice': [],
};

/** The Inference API's defaults where they differ from the pipelines' (it groups entities). */
const API_DEFAULTS: Record<string, Record<string, unknown>> = {
  'token-classification': { aggregationStrategy: 'simple' },
};

export function canonicalTask(task: TaskName): string {
  if (task === 'sentiment-analysis') return 'text-classification';
  if (task === 'ner') return 'token-classification';
  return task;
}

const camel = (k: string) => k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
const snake = (k: string) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** `parameters` (snake_case or camelCase) -> the pipeline's call options; unknown names are refused. */
export function pipelineOptions(task: TaskName, parameters: unknown): Record<string, unknown> {
  const t = canonicalTask(task);
  const allowed = PARAMETERS[t] ?? [];
  const out: Record<string, unknown> = { ...API_DEFAULTS[t] };
  if (parameters === undefined || parameters === null) return out;
  if (typeof parameters !== 'object' || Array.isArray(parameters)) {
    throw new ServeError('INVALID_REQUEST', 'parameters must be an object');
  }
  for (const [key, value] of Object.entries(parameters)) {
    const name = camel(key);
    if (!allowed.includes(name)) {
      const names = allowed.map(snake).join(', ') || 'none';
      throw new ServeError('INVALID_REQUEST', `parameters.${key} is not a parameter of ${t} (it takes: ${names})`);
    }
    // Inputs are always truncated to the model's length; `truncate: false` cannot be honoured.
    if (name === 'truncate') {
      if (value === false) throw new ServeError('INVALID_REQUEST', 'parameters.truncate: inputs are always truncated to the model length');
      continue;
    }
    if (value !== undefined) out[name] = value;
  }
  return out;
}

function text(value: unknown, field: string): string {
  if (typeof value !== 'string')
    throw new ServeError('INVALID_INPUT', `${field} must be a string, got ${value === null ? 'null' : typeof value}`);
  if (value.trim() === '') throw new ServeError('INVALID_INPUT', `${field} is empty: send some text`);
  return value;
}

function record(value: unknown, field: string, keys: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ServeError('INVALID_INPUT', `${field} must be an object ${keys}`);
  }
  return value as Record<string, unknown>;
}

/** One input of the task, checked and turned into what the pipeline takes. */
function parseItem(task: string, value: unknown, field: string): unknown {
  switch (task) {
    case 'text-classification': {
      if (typeof value === 'string') return text(value, field);
      const o = record(value, field, '{ text, text_pair } or a string');
      const pair = o.text_pair ?? o.textPair;
      if (pair === undefined) return text(o.text, `${field}.text`);
      return { text: text(o.text, `${field}.text`), textPair: text(pair, `${field}.text_pair`) };
    }
    case 'question-answering': {
      const o = record(value, field, '{ question, context }');
      return { question: text(o.question, `${field}.question`), context: text(o.context, `${field}.context`) };
    }
    case 'multiple-choice': {
      const o = record(value, field, '{ prompt, choices }');
      const prompt = text(o.prompt, `${field}.prompt`);
      if (!Array.isArray(o.choices) || o.choices.length === 0) {
        throw new ServeError('INVALID_INPUT', `${field}.choices must be a non-empty array of strings`);
      }
      return { prompt, choices: o.choices.map((c, i) => text(c, `${field}.choices[${i}]`)) };
    }
    default:
      return text(value, field);
  }
}

export interface ParsedInputs {
  items: unknown[];
  /** One input sent (not in an array): the answer is that input's result, not a list. */
  single: boolean;
}

/** `inputs` of a request: one input or a non-empty array of them. */
export function parseInputs(task: TaskName, inputs: unknown, maxInputs: number): ParsedInputs {
  const t = canonicalTask(task);
  if (inputs === undefined) throw new ServeError('INVALID_INPUT', 'inputs is missing: send {"inputs": ...}');
  if (!Array.isArray(inputs)) return { items: [parseItem(t, inputs, 'inputs')], single: true };
  if (inputs.length === 0) throw new ServeError('INVALID_INPUT', 'inputs is an empty array: send at least one input');
  if (inputs.length > maxInputs) {
    throw new ServeError('TOO_MANY_INPUTS', `inputs has ${inputs.length} items; at most ${maxInputs} per request`);
  }
  return { items: inputs.map((v, i) => parseItem(t, v, `inputs[${i}]`)), single: false };
}

type Obj = Record<string, unknown>;
const pick = (o: Obj, ...names: string[]) => {
  for (const n of names) if (o[n] !== undefined) return o[n];
  return undefined;
};

function fillMaskWire(p: Obj) {
  return { score: p.score, token: p.token, token_str: pick(p, 'token_str', 'tokenStr'), sequence: p.sequence };
}

function entityWire(e: Obj) {
  const group = pick(e, 'entity_group', 'entityGroup');
  const out: Obj = group !== undefined ? { entity_group: group } : { entity: e.entity };
  out.score = e.score;
  if (e.index !== undefined) out.index = e.index;
  out.word = e.word;
  out.start = e.start;
  out.end = e.end;
  return out;
}

const answerWire = (a: Obj) => ({ score: a.score, start: a.start, end: a.end, answer: a.answer });

/** One input's pipeline result in the Inference API's shape. */
export function resultWire(task: TaskName, result: unknown): unknown {
  switch (canonicalTask(task)) {
    case 'text-classification':
      // one {label, score} without top_k, a list with it: the API answers a list either way
      return (Array.isArray(result) ? (result as Obj[]) : [result as Obj]).map((r) => ({ label: r.label, score: r.score }));
    case 'fill-mask': {
      const rows = result as Obj[] | Obj[][];
      return rows.map((r) => (Array.isArray(r) ? r.map(fillMaskWire) : fillMaskWire(r)));
    }
    case 'token-classification':
      return (result as Obj[]).map(entityWire);
    case 'question-answering':
      return Array.isArray(result) ? result.map(answerWire) : answerWire(result as Obj);
    case 'feature-extraction':
      return nestTensor(result as { data: ArrayLike<number>; dims: readonly number[] });
    default:
      return result;
  }
}

/**
 * The response body. Text classification always answers a list per input (`[[{label, score}]]`
 * for one text, as the API does); the other tasks answer one input's result as is.
 */
export function responseWire(task: TaskName, parsed: ParsedInputs, results: unknown[]): unknown {
  const wire = results.map((r) => resultWire(task, r));
  if (canonicalTask(task) === 'text-classification') return wire;
  return parsed.single ? wire[0] : wire;
}
