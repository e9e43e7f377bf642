#!/usr/bin/env python3
"""PolicyQA (wasiahmad/PolicyQA, data/{dev,test}.json): already SQuAD v1.1 JSON
(extra per-question field 'type').  data/train.json (>= 4 MiB) is absent from the
snapshot.  This script verifies every answer_start and writes policyqa-dev+test.json
(both files' articles concatenated, titles suffixed with the split)."""
import json
out = {'version': 'policyqa-dev+test', 'data': []}
for s in ['dev', 'test']:
    d = json.load(open(f'raw/{s}.json'))
    nq = 0
    for a in d['data']:
        for p in a['paragraphs']:
            for q in p['qas']:
                nq += 1
                assert q['answers']
                for an in q['answers']:
                    assert p['context'][an['answer_start']:an['answer_start'] + len(an['text'])] == an['text']
        a = dict(a); a['title'] = f"{a['title']} [{s}]"
        out['data'].append(a)
    print(s, 'articles', len(d['data']), 'questions', nq)
json.dump(out, open('policyqa-dev+test.json', 'w'))
