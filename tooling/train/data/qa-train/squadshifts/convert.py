#!/usr/bin/env python3
"""SQuAD-shifts (Miller et al. 2020): the raw files are already SQuAD v1.1 JSON.
This script (re)extracts them from the git snapshot if present, verifies every
answer_start, checks for overlap with SQuAD v1.1 dev, and writes a combined
training file squadshifts-train.json (amazon + new_wiki + reddit).
Usage: python3 convert.py  (run in this directory)"""
import json, os, re, subprocess, hashlib, sys

SNAP = '/work/.mirror/albertvillanova+squadshifts-website/repo'
COMMIT = 'b7cc4d50af791c36c49417fb94dd739d6a9e7bef'
NAMES = ['new_wiki_v1.0', 'amazon_reviews_v1.0', 'reddit_v1.0']
DEV = '/work/data/squad/dev-v1.1.json'

os.makedirs('raw', exist_ok=True)
for n in NAMES:
    p = f'raw/{n}.json'
    if not os.path.exists(p) and os.path.isdir(SNAP):
        with open(p, 'wb') as f:
            f.write(subprocess.check_output(['git', '-C', SNAP, 'show', f'{COMMIT}:datasets/{n}.json']))

dev = json.load(open(DEV)) if os.path.exists(DEV) else {'data': []}
dev_titles = {a['title'] for a in dev['data']}
dev_q = {q['question'].strip().lower() for a in dev['data'] for p in a['paragraphs'] for q in p['qas']}
dev_ctx = {p['context'] for a in dev['data'] for p in a['paragraphs']}

combined = {'version': 'squadshifts-v1.0-combined', 'data': []}
for n in NAMES:
    d = json.load(open(f'raw/{n}.json'))
    nq = npara = bad = 0
    for a in d['data']:
        assert a['title'] not in dev_titles, a['title']
        for p in a['paragraphs']:
            npara += 1
            assert p['context'] not in dev_ctx
            for q in p['qas']:
                nq += 1
                assert q['answers'], q['id']
                for an in q['answers']:
                    s = an['answer_start']
                    if p['context'][s:s + len(an['text'])] != an['text']:
                        bad += 1
    assert bad == 0, (n, bad)
    print(f'{n}: articles={len(d["data"])} paragraphs={npara} questions={nq} bad_offsets={bad}')
    for a in d['data']:
        a = dict(a); a['title'] = f'{n}:{a["title"]}'
        combined['data'].append(a)
with open('squadshifts-train.json', 'w') as f:
    json.dump(combined, f)
tot = sum(len(p['qas']) for a in combined['data'] for p in a['paragraphs'])
print('combined questions', tot)
