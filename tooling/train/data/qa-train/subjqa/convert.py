#!/usr/bin/env python3
"""SubjQA (megagonlabs/SubjQA) CSV -> SQuAD v1.1 JSON (answerable questions only).
Rows are grouped by q_review_id (one question-review pair; several rows = several
annotations).  Answer text is taken as review[start:end] from human_ans_indices
(annotations whose span runs into the marker are dropped;
the human_ans_spans column is a *tokenized* copy of the span and often differs in
whitespace, e.g. "do n't").  The review's trailing " ANSWERNOTFOUND" marker is
removed from the context.  Pairs whose annotations are all ANSWERNOTFOUND are
dropped (counted).  Output: subjqa-{train,dev,test}.json.
Note: books/ and movies/ train.csv are missing (>= 4 MiB, absent from snapshot)."""
import csv, json, glob, os, ast, collections

MARK = ' ANSWERNOTFOUND'
n_overrun = 0
stats = {}
for split in ['train', 'dev', 'test']:
    out = {'version': 'subjqa-answerable', 'data': []}
    nq = nun = 0
    for f in sorted(glob.glob(f'raw/*/splits/{split}.csv')):
        domain = f.split('/')[1]
        groups = collections.OrderedDict()
        for r in csv.DictReader(open(f, newline='', encoding='utf-8')):
            groups.setdefault(r['q_review_id'], []).append(r)
        paras = collections.OrderedDict()
        for qid, rows in groups.items():
            r0 = rows[0]
            review = r0['review']
            assert review.endswith(MARK)
            ctx = review[:-len(MARK)]
            spans = []
            for r in rows:
                assert r['review'] == review
                if r['human_ans_spans'] == 'ANSWERNOTFOUND':
                    continue
                s, e = ast.literal_eval(r['human_ans_indices'])
                if e > len(ctx):   # span runs into the ANSWERNOTFOUND marker (41 rows)
                    n_overrun += 1
                    continue
                if (s, e) not in spans:
                    spans.append((s, e))
            if not spans:
                nun += 1
                continue
            answers = []
            for s, e in spans:
                assert 0 <= s < e <= len(ctx), (qid, s, e)
                t = ctx[s:e]
                # trim surrounding whitespace, keep offsets consistent
                ls = len(t) - len(t.lstrip()); t = t.strip(); s += ls
                assert ctx[s:s + len(t)] == t and t
                answers.append({'text': t, 'answer_start': s})
            key = (r0['review_id'], ctx)
            paras.setdefault(key, []).append({'id': qid, 'question': r0['question'], 'answers': answers})
            nq += 1
        out['data'].append({'title': f'subjqa_{domain}', 'paragraphs': [
            {'context': k[1], 'qas': v} for k, v in paras.items()]})
    # verify
    for a in out['data']:
        for p in a['paragraphs']:
            for q in p['qas']:
                for an in q['answers']:
                    assert p['context'][an['answer_start']:an['answer_start'] + len(an['text'])] == an['text']
    json.dump(out, open(f'subjqa-{split}.json', 'w'))
    stats[split] = (nq, nun)
    print(f'{split}: annotations dropped for overrunning the marker so far={n_overrun}')
    print(f'{split}: answerable questions={nq} dropped_unanswerable={nun}')
