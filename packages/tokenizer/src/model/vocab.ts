// vocab.txt: one token per line, the line number is the id (BERT's `load_vocab`).
import { TokenizerError } from '../errors.js';

/**
 * The most tokens a vocabulary may have. The largest published WordPiece vocabularies have about
 * 250,000; a file with more is refused before more than this many lines are split off it, so that its
 * size cannot become memory.
 */
export const MAX_VOCAB_TOKENS = 1 << 20;

export interface Vocab {
  /** id -> token */
  tokens: string[];
  /** token -> id */
  ids: Map<string, number>;
}

/** Refuses a vocabulary of more than `MAX_VOCAB_TOKENS` tokens, naming the file it came from. */
export function checkVocabSize(count: number, file: string): void {
  if (count > MAX_VOCAB_TOKENS)
    throw new TokenizerError('INVALID_VOCAB', `${file} has over ${MAX_VOCAB_TOKENS} tokens; at most ${MAX_VOCAB_TOKENS} tokens are read.`);
}

/** The lines of vocab.txt: a trailing newline ends the last token, it does not add one. */
export function vocabLines(vocabText: string): string[] {
  // split stops after the limit: a huge file costs no more than the largest vocabulary read
  const lines = vocabText.split('\n', MAX_VOCAB_TOKENS + 2);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  checkVocabSize(lines.length, 'vocab.txt');
  // Python strips the trailing "\n" only (`token.rstrip("\n")`); a "\r" from a CRLF file stays part of the
  // token there, which would make every token unknown. We drop it: CRLF vocabularies are a transport accident.
  for (let i = 0; i < lines.length; i++) if (lines[i].endsWith('\r')) lines[i] = lines[i].slice(0, -1);
  return lines;
}

export function parseVocabText(vocabText: string): Vocab {
  if (typeof vocabText !== 'string') {
    throw new TokenizerError(
      'INVALID_VOCAB',
      'fromVocab needs the text of vocab.txt (a string), not a path or a buffer: read the file first.',
    );
  }
  const tokens = vocabLines(vocabText);
  if (tokens.length === 0) {
    throw new TokenizerError('INVALID_VOCAB', 'vocab.txt is empty: it must list one token per line.');
  }
  const ids = new Map<string, number>();
  // Python's load_vocab: `vocab[token] = index` — a repeated token keeps its LAST index.
  for (let i = 0; i < tokens.length; i++) ids.set(tokens[i], i);
  return { tokens, ids };
}

/** The text `save_vocabulary` writes: tokens in id order, one per line, each followed by "\n". */
export function vocabToText(tokens: readonly string[]): string {
  return tokens.length === 0 ? '' : `${tokens.join('\n')}\n`;
}
