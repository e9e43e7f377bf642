"""CoNLL-2003 English NER (IOB2) with ConvBertForTokenClassification, from the pretrained encoder.

Only a word's first piece carries its label (Hugging Face's run_ner default); the scores read the
prediction at each word's first piece. Fixed schedule; dev and test are only scored, never selected on.
"""
import json

import torch
from transformers import ConvBertForTokenClassification

from common import DATA, WORK, log
from finetune_common import arguments, tokenizer, train
from metrics import entity_scores

LABELS = ['O', 'B-PER', 'I-PER', 'B-ORG', 'I-ORG', 'B-LOC', 'I-LOC', 'B-MISC', 'I-MISC']


def read_conll(path):
    sentences, words, tags = [], [], []
    for line in open(path):
        line = line.strip()
        if line.startswith('-DOCSTART-'):
            continue
        if not line:
            if words:
                sentences.append((words, tags))
            words, tags = [], []
            continue
        cols = line.split()
        words.append(cols[0])
        tags.append(cols[-1])
    if words:
        sentences.append((words, tags))
    return sentences


def encode(tok, sentences):
    out = []
    for words, tags in sentences:
        enc = tok(words, is_split_into_words=True, truncation=True, max_length=256)
        labels, prev = [], None
        for w in enc.word_ids():
            labels.append(-100 if w is None or w == prev else LABELS.index(tags[w]))
            prev = w
        out.append({'input_ids': enc['input_ids'], 'labels': labels, 'word_ids': enc.word_ids(), 'tags': tags})
    return out


def collate(batch):
    n = max(len(e['input_ids']) for e in batch)
    ids = torch.zeros(len(batch), n, dtype=torch.long)
    mask = torch.zeros(len(batch), n, dtype=torch.long)
    labels = torch.full((len(batch), n), -100, dtype=torch.long)
    for i, e in enumerate(batch):
        ids[i, :len(e['input_ids'])] = torch.tensor(e['input_ids'])
        mask[i, :len(e['input_ids'])] = 1
        labels[i, :len(e['labels'])] = torch.tensor(e['labels'])
    return {'input_ids': ids, 'attention_mask': mask, 'labels': labels}


@torch.no_grad()
def evaluate(model, examples):
    gold, pred = [], []
    for e in examples:  # one unpadded sentence per call, as the pipeline runs
        logits = model(input_ids=torch.tensor([e['input_ids']])).logits[0]
        best = logits.argmax(-1).tolist()
        words = [LABELS[best[i]] for i, w in enumerate(e['word_ids']) if w is not None and (i == 0 or e['word_ids'][i - 1] != w)]
        words += ['O'] * (len(e['tags']) - len(words))  # words cut by truncation
        gold.append(e['tags'])
        pred.append(words)
    return entity_scores(gold, pred)


def main():
    args = arguments(epochs=4, lr=2e-4, tokens_per_batch=2048)
    out = WORK / 'ner' if args.out is None else WORK / args.out
    tok = tokenizer()
    root = DATA / 'conll2003' / 'iob2'
    train_set = encode(tok, read_conll(root / 'train.txt'))
    model = ConvBertForTokenClassification.from_pretrained(
        args.encoder, num_labels=len(LABELS), id2label=dict(enumerate(LABELS)), label2id={l: i for i, l in enumerate(LABELS)})
    minutes = 0.0
    if not args.eval_only:
        minutes = train(model, train_set, collate, args, out, lambda e: len(e['input_ids']))
    else:
        model = ConvBertForTokenClassification.from_pretrained(out / 'model')
    model.eval()
    scores = {split: evaluate(model, encode(tok, read_conll(root / f'{split}.txt'))) for split in ['dev', 'test']}
    scores['train_minutes'] = minutes
    scores['args'] = vars(args)
    json.dump(scores, open(out / 'scores.json', 'w'), indent=2)
    log(out / 'log.jsonl', dev_f1=scores['dev']['f1'], test_f1=scores['test']['f1'])


if __name__ == '__main__':
    main()
