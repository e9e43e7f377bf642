"""Four-way multiple choice with ConvBertForMultipleChoice, from the pretrained encoder.

SWAG itself could not be retrieved here (README.md, "Data"); the closest public sets of the same form
(a context, four continuations) are HellaSwag (its validation set, re-split: hs_train / hs_dev) and
CODAH (fold 0). Each row is `[CLS] context [SEP] ending [SEP]`, as the project's multiple-choice
pipeline encodes (prompt, choice). Trains on hs_train + CODAH train/dev; scores hs_dev and CODAH test.
"""
import csv
import json

import torch
from transformers import ConvBertForMultipleChoice

from common import DATA, WORK, log
from finetune_common import arguments, tokenizer, train

MAX_LEN = 128


def read(path):
    rows = list(csv.DictReader(open(path, newline='')))
    return [(r['startphrase'], [r[f'ending{i}'] for i in range(4)], int(r['label'])) for r in rows]


def encode(tok, items):
    out = []
    for context, endings, label in items:
        enc = [tok(context, e, truncation='only_first', max_length=MAX_LEN) for e in endings]
        out.append({'choices': [(x['input_ids'], x['token_type_ids']) for x in enc], 'label': label})
    return out


def collate(batch):
    n = max(len(ids) for e in batch for ids, _ in e['choices'])
    ids = torch.zeros(len(batch), 4, n, dtype=torch.long)
    types = torch.zeros(len(batch), 4, n, dtype=torch.long)
    mask = torch.zeros(len(batch), 4, n, dtype=torch.long)
    for i, e in enumerate(batch):
        for j, (x, t) in enumerate(e['choices']):
            ids[i, j, :len(x)] = torch.tensor(x)
            types[i, j, :len(x)] = torch.tensor(t)
            mask[i, j, :len(x)] = 1
    return {'input_ids': ids, 'token_type_ids': types, 'attention_mask': mask,
            'labels': torch.tensor([e['label'] for e in batch])}


@torch.no_grad()
def accuracy(model, examples):
    right = 0
    for e in examples:  # each choice unpadded, alone, as the pipeline runs it
        scores = [model(input_ids=torch.tensor([[x]]), token_type_ids=torch.tensor([[t]])).logits[0, 0].item()
                  for x, t in e['choices']]
        right += int(max(range(4), key=lambda i: scores[i]) == e['label'])
    return {'accuracy': 100 * right / len(examples), 'n': len(examples)}


def main():
    args = arguments(extra=[('--sets', {'default': 'hellaswag,codah',
                                        'help': 'training sets: hellaswag, codah (CODAH train + dev), codah-train (train only)'}),
                            ('--scores', {'default': 'hellaswag_dev,codah_test',
                                          'help': 'what to score: hellaswag_dev, codah_dev, codah_test'})],
                     epochs=3, lr=1e-4, tokens_per_batch=4096)
    sets = args.sets.split(',')
    out = WORK / ('mc-model' if args.out is None else args.out)
    tok = tokenizer()
    hs, codah = DATA / 'mc' / 'hellaswag-val', DATA / 'mc' / 'codah'
    minutes = 0.0
    if args.eval_only:
        model = ConvBertForMultipleChoice.from_pretrained(out / 'model')
    else:
        items = ((read(hs / 'hs_train.csv') if 'hellaswag' in sets else [])
                 + (read(codah / 'codah_train.csv') if 'codah' in sets or 'codah-train' in sets else [])
                 + (read(codah / 'codah_dev.csv') if 'codah' in sets else []))
        model = ConvBertForMultipleChoice.from_pretrained(args.encoder)
        minutes = train(model, encode(tok, items), collate, args, out,
                        lambda e: 4 * max(len(x) for x, _ in e['choices']))
    model.eval()
    if args.skip_eval:
        return
    files = {'hellaswag_dev': hs / 'hs_dev.csv', 'codah_dev': codah / 'codah_dev.csv', 'codah_test': codah / 'codah_test.csv'}
    scores = {name: accuracy(model, encode(tok, read(files[name]))) for name in args.scores.split(',')}
    log(out / 'log.jsonl', **{name: s['accuracy'] for name, s in scores.items()})
    scores.update(train_minutes=minutes, args=vars(args))
    json.dump(scores, open(out / 'scores.json', 'w'), indent=2)


if __name__ == '__main__':
    main()
