"""Trains the cased WordPiece vocabulary (BERT's algorithm, via Hugging Face `tokenizers`) on the corpus.

Cased because capitalisation is most of the signal for named entities; 16,000 pieces keep the
embedding matrix (and the shipped files) small.
"""
import json
import sys

from tokenizers import BertWordPieceTokenizer

from common import WORK

SPECIAL = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]']


def main(vocab_size=16000):
    out = WORK / 'vocab'
    out.mkdir(parents=True, exist_ok=True)
    tok = BertWordPieceTokenizer(clean_text=True, handle_chinese_chars=True, strip_accents=False, lowercase=False)
    tok.train([str(WORK / 'corpus' / 'corpus.txt')], vocab_size=vocab_size, min_frequency=3,
              limit_alphabet=500, special_tokens=SPECIAL, wordpieces_prefix='##')
    tok.save_model(str(out))
    vocab = open(out / 'vocab.txt').read().split('\n')
    assert vocab[:5] == SPECIAL, vocab[:5]
    json.dump({'vocab_size': len([v for v in vocab if v])}, open(out / 'vocab.json', 'w'))


if __name__ == '__main__':
    main(*(int(a) for a in sys.argv[1:]))
