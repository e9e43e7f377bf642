"""Merges the extractive-QA training sets into one SQuAD-format file (first gold answer per question).

SQuAD v1.1 train could not be retrieved here (README.md, "Data"): the model trains on SQuAD-shifts
(new Wikipedia, Amazon, Reddit), TyDi QA GoldP English, QED and SubjQA, and is scored on the full,
untouched SQuAD v1.1 dev set. The helper that fetched them checked each for overlap with SQuAD dev.
"""
import json

from common import DATA, WORK

SETS = ['squadshifts/squadshifts-train.json', 'tydiqa-goldp-en/tydiqa-goldp-en-filtered.json',
        'qed/qed-dev-squad.json', 'subjqa/subjqa-train.json', 'subjqa/subjqa-dev.json', 'subjqa/subjqa-test.json']


def main():
    data, counts = [], {}
    for name in SETS:
        articles = json.load(open(DATA / 'qa-train' / name))['data']
        n = 0
        for a in articles:
            for p in a['paragraphs']:
                for q in p['qas']:
                    ans = q['answers'][0]
                    assert p['context'][ans['answer_start']:ans['answer_start'] + len(ans['text'])] == ans['text'], q['id']
                    q['answers'] = [ans]
                    n += 1
        counts[name] = n
        data.extend(articles)
    out = WORK / 'qa'
    out.mkdir(parents=True, exist_ok=True)
    json.dump({'version': 'convbert-train', 'data': data}, open(out / 'train.json', 'w'))
    json.dump(counts, open(out / 'counts.json', 'w'), indent=2)
    print(counts, sum(counts.values()))


if __name__ == '__main__':
    main()
