"""Extractive question answering with ConvBertForQuestionAnswering, from the pretrained encoder.

Trains on the merged QA training sets (prepare_qa.py) with Hugging Face's run_qa preprocessing
(question first, context windows of 384 tokens with a 128-token stride, windows without the answer
point at [CLS]) and scores the full SQuAD v1.1 dev set through transformers' own question-answering
pipeline with its defaults — each question run alone, unpadded, as the project's pipelines run it —
with the official SQuAD v1.1 EM / F1.
"""
import json

import torch
from transformers import ConvBertForQuestionAnswering, pipeline

from common import DATA, WORK, log
from finetune_common import arguments, tokenizer, train
from metrics import squad_scores

MAX_LEN, STRIDE = 384, 128


def features(tok, dataset):
    out = []
    for article in dataset:
        for p in article['paragraphs']:
            context = p['context']
            for q in p['qas']:
                ans = q['answers'][0]
                a_start, a_end = ans['answer_start'], ans['answer_start'] + len(ans['text'])
                enc = tok(q['question'].lstrip(), context, truncation='only_second', max_length=MAX_LEN, stride=STRIDE,
                          return_overflowing_tokens=True, return_offsets_mapping=True)
                for w in range(len(enc['input_ids'])):
                    seq = enc.sequence_ids(w)
                    offsets = enc['offset_mapping'][w]
                    ctx = [i for i, s in enumerate(seq) if s == 1]
                    start = end = 0
                    if offsets[ctx[0]][0] <= a_start and offsets[ctx[-1]][1] >= a_end:
                        start = next(i for i in ctx if offsets[i][1] > a_start)
                        end = next(i for i in reversed(ctx) if offsets[i][0] < a_end)
                    out.append({'input_ids': enc['input_ids'][w], 'token_type_ids': enc['token_type_ids'][w],
                                'start_positions': start, 'end_positions': end})
    return out


def collate(batch):
    n = max(len(e['input_ids']) for e in batch)
    ids = torch.zeros(len(batch), n, dtype=torch.long)
    types = torch.zeros(len(batch), n, dtype=torch.long)
    mask = torch.zeros(len(batch), n, dtype=torch.long)
    for i, e in enumerate(batch):
        k = len(e['input_ids'])
        ids[i, :k] = torch.tensor(e['input_ids'])
        types[i, :k] = torch.tensor(e['token_type_ids'])
        mask[i, :k] = 1
    return {'input_ids': ids, 'token_type_ids': types, 'attention_mask': mask,
            'start_positions': torch.tensor([e['start_positions'] for e in batch]),
            'end_positions': torch.tensor([e['end_positions'] for e in batch])}


def evaluate(model, tok, dataset, limit=None):
    qa = pipeline('question-answering', model=model, tokenizer=tok, device='cpu')
    predictions, n = {}, 0
    for article in dataset:
        for p in article['paragraphs']:
            for q in p['qas']:
                predictions[q['id']] = qa(question=q['question'], context=p['context'])['answer']
                n += 1
                if limit and n >= limit:
                    return predictions
    return predictions


def main():
    args = arguments(epochs=2, lr=3e-4, tokens_per_batch=4096)
    out = WORK / ('qa-model' if args.out is None else args.out)
    tok = tokenizer()
    dev = json.load(open(DATA / 'squad' / 'dev-v1.1.json'))['data']
    minutes = 0.0
    if args.eval_only:
        model = ConvBertForQuestionAnswering.from_pretrained(out / 'model')
    else:
        train_set = features(tok, json.load(open(WORK / 'qa' / 'train.json'))['data'])
        print('training windows', len(train_set), flush=True)
        model = ConvBertForQuestionAnswering.from_pretrained(args.encoder)
        minutes = train(model, train_set, collate, args, out, lambda e: len(e['input_ids']))
    model.eval()
    if args.skip_eval:
        return
    predictions = evaluate(model, tok, dev)
    scores = squad_scores(predictions, dev)
    scores.update(train_minutes=minutes, args=vars(args))
    json.dump(scores, open(out / 'scores.json', 'w'), indent=2)
    json.dump(predictions, open(out / 'dev_predictions.json', 'w'))
    log(out / 'log.jsonl', exact_match=scores['exact_match'], f1=scores['f1'])


if __name__ == '__main__':
    main()
