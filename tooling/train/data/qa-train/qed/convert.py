#!/usr/bin/env python3
"""QED dev (google-research-datasets/QED, qed-dev.jsonlines; Natural Questions dev
questions + one Wikipedia paragraph) -> SQuAD v1.1 JSON.
Answers: every NQ annotator answer that is a single span (original_nq_answers entries
of length 1), de-duplicated, in annotator order; offsets are character offsets into
paragraph_text (end exclusive in practice, checked against 'string').  Examples whose
annotators only gave multi-span answers are dropped (counted).  Text is NQ-tokenized
(spaces around punctuation) as in the source.  qed-train.jsonlines is not available
(>= 4 MiB, absent from the snapshot)."""
import json
out = {'version': 'qed-dev-squadfmt', 'data': []}
by_title = {}
n = dropped = 0
for line in open('raw/qed-dev.jsonlines', encoding='utf-8'):
    x = json.loads(line)
    ctx = x['paragraph_text']
    answers = []
    for ann in x['original_nq_answers']:
        if len(ann) != 1:
            continue
        a = ann[0]
        assert ctx[a['start']:a['end']] == a['string'], (x['example_id'], a)
        d = {'text': a['string'], 'answer_start': a['start']}
        if a['string'].strip() and d not in answers:
            answers.append(d)
    if not answers:
        dropped += 1
        continue
    qa = {'id': str(x['example_id']), 'question': x['question_text'], 'answers': answers,
          'qed_explanation_type': x['annotation'].get('explanation_type')}
    by_title.setdefault(x['title_text'], {}).setdefault(ctx, []).append(qa)
    n += 1
for t, paras in by_title.items():
    out['data'].append({'title': t, 'paragraphs': [{'context': c, 'qas': q} for c, q in paras.items()]})
for a in out['data']:
    for p in a['paragraphs']:
        for q in p['qas']:
            for an in q['answers']:
                assert p['context'][an['answer_start']:an['answer_start'] + len(an['text'])] == an['text']
json.dump(out, open('qed-dev-squad.json', 'w'))
print('questions', n, 'dropped (multi-span only)', dropped, 'titles', len(out['data']))
