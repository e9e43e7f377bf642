#!/usr/bin/env python3
"""CODAH (Websail-NU/CODAH) TSV -> SWAG-layout CSV.
TSV columns: category-codes, prompt, answer A..D, label(0-3).
Outputs: codah_full.csv (all 2,776), and the repo's own CV fold 0 as
codah_train.csv (1,665) / codah_dev.csv (556) / codah_test.csv (555).
video-id = 'codah-<category codes>-<row index in full_data.tsv>'; gold-source = 'codah'."""
import sys; sys.path.insert(0, '..')
import swagfmt
def load(p):
    out = []
    for line in open(p, encoding='utf-8'):
        if not line.strip():
            continue
        c = line.rstrip('\n').split('\t')
        assert len(c) == 7, c
        out.append((c[0], c[1], c[2:6], int(c[6])))
    return out
full = load('raw/full_data.tsv')
index = {(r[1], tuple(r[2])): i for i, r in enumerate(full)}
def rows(data):
    res = []
    for cat, prompt, ends, lab in data:
        i = index[(prompt, tuple(ends))]
        res.append({'id': f'codah-{cat}-{i}', 'fold': i, 'startphrase': prompt, 'source': 'codah',
                    'endings': ends, 'label': lab})
    return res
print('full', swagfmt.write('codah_full.csv', rows(full)))
for s in ['train', 'dev', 'test']:
    print(s, swagfmt.write(f'codah_{s}.csv', rows(load(f'raw/cv_split/fold_0/{s}.tsv'))))
