// vocab.txt: one token per line, the line number is the id (BERT's `load_vocab`).
import { TokenizerError } from '../errors.js';

export interface Vocab {
  /** id -> token */
  tokens: string[];
  /** token -> id */
  ids: Map<string, number>;
}

export function parseVocabText(vocabText: string): Vocab {
  if (typeof vocabText !== 'string') {
    throw new TokenizerError(
      'INVALID_VOCAB',
      'fromVocab needs the text of vocab.txt (a string), not a path or a buffer: read the file first.',
    );
  }
  const lines = vocabText.split('\n');
  // A trailing newline ends the last token; it does not add an empty one.
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  if (lines.length === 0) {
    throw new TokenizerError('INVALID_VOCAB', 'vocab.txt is empty: it must list one token per line.');
  }
  const tokens: string[] = new Array(lines.length);
  const ids = new Map<string, number>();
  for (let i = 0; i < lines.length; i++) {
    // Python strips the trailing "\n" only (`token.rstrip("\n")`); a "\r" from a CRLF file stays part of the
    // token there, which would make every token unknown. We drop it: CRLF vocabularies are a transport accident.
    let t = lines[i];
    if (t.endsWith('\r')) t = t.slice(0, -1);
    tokens[i] = t;
    // Python's load_vocab: `vocab[token] = index` — a repeated token keeps its LAST index.
    ids.set(t, i);
  }
  return { tokens, ids };
}

/** The text `save_vocabulary` writes: tokens in id order, one per line, each followed by "\n". */
export function vocabToText(tokens: readonly string[]): string {
  return tokens.length === 0 ? '' : `${tokens.join('\n')}\n`;
}
