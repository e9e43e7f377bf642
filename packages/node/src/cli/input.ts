import { checkOptions, type OptionSpec } from '@convbert/core';
import { CliInputError, CliUsageError } from './errors.js';

export interface TaskFlags {
  pair?: string;
  context?: string;
  choices?: string[];
}

/**
 * The pipeline input for one command-line call. Texts come from the positional arguments;
 * pairs, contexts and choices from flags.
 */
export function inputFromArgs(task: string, texts: string[], flags: TaskFlags): unknown[] {
  if (texts.length === 0) throw new CliUsageError(`${task}: give a text, or JSON Lines on standard input`);
  switch (task) {
    case 'text-classification':
      return texts.map((text) => (flags.pair !== undefined ? { text, textPair: flags.pair } : text));
    case 'question-answering':
      if (flags.context === undefined) throw new CliUsageError('question-answering: --context <text> is required');
      return texts.map((question) => ({ question, context: flags.context }));
    case 'multiple-choice':
      if (!flags.choices || flags.choices.length < 2) throw new CliUsageError('multiple-choice: give at least two --choices');
      return texts.map((prompt) => ({ prompt, choices: flags.choices }));
    default:
      return texts;
  }
}

/** The object form each task takes on a JSON Lines record, and which of its fields are texts. */
const RECORDS: Record<string, { spec: OptionSpec; required: readonly string[]; shape: string; bareString: boolean }> = {
  'fill-mask': { spec: { known: ['text'] }, required: ['text'], shape: '"text" or {"text"}', bareString: true },
  'feature-extraction': { spec: { known: ['text'] }, required: ['text'], shape: '"text" or {"text"}', bareString: true },
  'token-classification': { spec: { known: ['text'] }, required: ['text'], shape: '"text" or {"text"}', bareString: true },
  'text-classification': {
    spec: { known: ['text', 'textPair'] },
    required: ['text'],
    shape: '"text" or {"text", "textPair"}',
    bareString: true,
  },
  'question-answering': {
    spec: { known: ['question', 'context'] },
    required: ['question', 'context'],
    shape: '{"question", "context"}',
    bareString: false,
  },
  'multiple-choice': {
    spec: { known: ['prompt', 'choices'] },
    required: ['prompt', 'choices'],
    shape: '{"prompt", "choices"}',
    bareString: false,
  },
};

/**
 * One JSON Lines record: a bare string, or an object in the task's input shape. Every field is
 * checked (unknown keys are refused with the nearest valid one, `text_pair` is taken for
 * `textPair`, texts must be strings), so a mistyped record is an error rather than a
 * different input. Messages name the line.
 */
export function inputFromJsonLine(task: string, line: string, lineNo: number): unknown {
  const where = `stdin line ${lineNo}`;
  const rec = RECORDS[task];
  if (rec === undefined) throw new CliInputError(`${where}: ${task} reads no JSON Lines`);
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new CliInputError(`${where}: not JSON (each line must be ${rec.shape})`);
  }
  if (typeof value === 'string') {
    if (!rec.bareString) throw new CliInputError(`${where}: ${task} needs an object ${rec.shape}`);
    return value;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new CliInputError(
      `${where}: expected ${rec.shape}, got ${value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value}`,
    );
  }
  let o: Record<string, unknown>;
  try {
    o = checkOptions<Record<string, unknown>>(value, rec.spec, where);
  } catch (err) {
    throw new CliInputError((err as Error).message.replace(/unknown option/, 'unknown field'));
  }
  for (const key of rec.required)
    if (o[key] === undefined) throw new CliInputError(`${where}: "${key}" is missing (expected ${rec.shape})`);
  for (const [key, v] of Object.entries(o)) {
    if (key === 'choices') {
      if (!Array.isArray(v) || v.length === 0 || v.some((c) => typeof c !== 'string')) {
        throw new CliInputError(`${where}: "choices" must be a non-empty array of strings`);
      }
    } else if (typeof v !== 'string') {
      throw new CliInputError(`${where}: "${key}" must be a string, got ${v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v}`);
    }
  }
  if (rec.bareString && o.textPair === undefined) return o.text;
  return o;
}
