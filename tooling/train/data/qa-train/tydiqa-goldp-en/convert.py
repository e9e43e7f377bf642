#!/usr/bin/env python3
"""TyDi QA GoldP v1.1, English subset (as split by sagorbrur/tydiqa-language-specific
from tydiqa-goldp-v1.1-{train,dev}.json): already SQuAD v1.1 JSON (one article =
one passage = one question).  This script verifies every answer_start and writes
tydiqa-goldp-en-filtered.json = train + dev, MINUS
  (a) articles whose title is also a SQuAD v1.1 dev title (normalised: '_'->' ',
      lower-case): 'American Broadcasting Company', 'Force', 'Oxygen' (their passages
      are near-duplicates of SQuAD-dev paragraphs), and
  (b) any passage sharing a sentence (> 40 chars, exact) with a SQuAD dev paragraph.
"""
import json, re
DEV = '/work/data/squad/dev-v1.1.json'
norm = lambda t: re.sub(r'\s+', ' ', t.replace('_', ' ')).strip().lower()
split = lambda c: [s.strip() for s in re.split(r'(?<=[.!?])\s+', c) if len(s.strip()) > 40]
dev = json.load(open(DEV))
dev_titles = {norm(a['title']) for a in dev['data']}
dev_sent = {s for a in dev['data'] for p in a['paragraphs'] for s in split(p['context'])}
out = {'version': 'tydiqa-goldp-v1.1-english-train+dev-filtered', 'data': []}
for s in ['train', 'dev']:
    d = json.load(open(f'raw/english_tydiqa_{s}.json'))
    nq = kept = 0; drop_t = []; drop_s = []
    for a in d['data']:
        for p in a['paragraphs']:
            for q in p['qas']:
                assert q['id'].startswith('english-')
                for an in q['answers']:
                    assert p['context'][an['answer_start']:an['answer_start'] + len(an['text'])] == an['text']
        n = sum(len(p['qas']) for p in a['paragraphs']); nq += n
        if norm(a['title']) in dev_titles:
            drop_t.append(a['title']); continue
        if any(x in dev_sent for p in a['paragraphs'] for x in split(p['context'])):
            drop_s.append(a['title']); continue
        a = dict(a); a['title'] = f"{a['title']} [{s}]"
        out['data'].append(a); kept += n
    print(f'{s}: questions={nq} kept={kept} dropped(title)={drop_t} dropped(sentence)={drop_s}')
json.dump(out, open('tydiqa-goldp-en-filtered.json', 'w'), ensure_ascii=False)
print('total kept', sum(len(p['qas']) for a in out['data'] for p in a['paragraphs']))
