import { CliUsageError } from './errors.js';

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

/** One JSON Lines record: a bare string, or an object in the task's input shape. */
export function inputFromJsonLine(task: string, line: string, lineNo: number): unknown {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new CliUsageError(`stdin line ${lineNo}: not JSON (each line must be a JSON string or object)`);
  }
  if (typeof value === 'string') {
    if (task === 'question-answering' || task === 'multiple-choice') {
      throw new CliUsageError(
        `stdin line ${lineNo}: ${task} needs an object (${task === 'question-answering' ? '{"question", "context"}' : '{"prompt", "choices"}'})`,
      );
    }
    return value;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new CliUsageError(`stdin line ${lineNo}: expected a JSON string or object`);
  const o = value as Record<string, unknown>;
  if (task === 'text-classification' && typeof o.text === 'string') {
    return typeof o.textPair === 'string' || typeof o.text_pair === 'string'
      ? { text: o.text, textPair: o.textPair ?? o.text_pair }
      : o.text;
  }
  if (typeof o.text === 'string' && !['question-answering', 'multiple-choice'].includes(task)) return o.text;
  return o;
}
