#!/usr/bin/env python3
"""MuTual (Nealcly/MuTual, data/mutual/{train,dev,test}/*.txt, one JSON object per file)
-> mutual_{train,dev,test}.jsonl (one object per line, sorted by numeric id) and SWAG-layout
CSV mutual_{train,dev,test}.csv.  startphrase = sent1 = the dialogue ('article', lower-cased
and tokenized as in the source, speakers marked 'm :' / 'f :'), sent2 = '' (startphrase is
not split for MuTual), ending0-3 = the four candidate responses, label = 'ABCD'.index(answers).
The test split has no answers in the source (answers == ' '): label column left empty there.
Input: raw/mutual-data.tar (= git archive of data/mutual + README.md at the snapshot commit)."""
import sys, tarfile, json, re, collections
sys.path.insert(0, '..')
import swagfmt
tar = tarfile.open('raw/mutual-data.tar')
splits = collections.defaultdict(list)
for m in tar.getmembers():
    if not m.isfile() or not m.name.startswith('data/mutual/'):
        continue
    split = m.name.split('/')[2]
    raw = tar.extractfile(m).read()
    try:
        obj = json.loads(raw.decode('utf-8'))
    except Exception:
        print('skip non-JSON file', m.name); continue
    splits[split].append(obj)
for split in ['train', 'dev', 'test']:
    data = sorted(splits[split], key=lambda o: int(re.sub(r'\D', '', o['id'])))
    with open(f'mutual_{split}.jsonl', 'w') as f:
        for o in data:
            f.write(json.dumps(o, ensure_ascii=False) + '\n')
    rows = []
    for o in data:
        assert len(o['options']) == 4
        lab = 'ABCD'.index(o['answers']) if o.get('answers', '').strip() else ''
        rows.append({'id': f"mutual-{o['id']}", 'fold': int(re.sub(r'\D', '', o['id'])),
                     'startphrase': o['article'], 'source': 'mutual', 'endings': o['options'], 'label': lab})
    # keep sent2 empty: write directly with sent1 = whole dialogue
    import csv
    with open(f'mutual_{split}.csv', 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f); w.writerow(swagfmt.HEADER)
        for r in rows:
            w.writerow([r['id'], r['fold'], r['startphrase'], r['startphrase'], '', r['source'], *r['endings'], r['label']])
    labs = collections.Counter(r['label'] for r in rows)
    print(split, len(rows), dict(labs))
