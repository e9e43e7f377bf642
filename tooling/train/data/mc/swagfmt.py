"""Shared helper: write rows in SWAG's CSV column layout (same header as rowanz/swagaf
data/train.csv, minus its unnamed leading index column).  startphrase is split into
sent1 (everything up to and including the last sentence-final punctuation followed by
a space) and sent2 (the trailing fragment); if no such boundary exists, sent1 is the
whole startphrase and sent2 is ''."""
import csv, re
HEADER = ['video-id', 'fold-ind', 'startphrase', 'sent1', 'sent2', 'gold-source',
          'ending0', 'ending1', 'ending2', 'ending3', 'label']

def split_start(s):
    s = s.strip()
    m = None
    for m in re.finditer(r'[.!?]["\')\]]*\s+', s):
        pass
    if m is None or m.end() >= len(s):
        return s, ''
    return s[:m.end()].strip(), s[m.end():].strip()

def write(path, rows):
    with open(path, 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f)
        w.writerow(HEADER)
        for r in rows:
            assert len(r['endings']) == 4 and r['label'] in (0, 1, 2, 3, '')
            s1, s2 = split_start(r['startphrase'])
            w.writerow([r['id'], r['fold'], r['startphrase'], s1, s2, r['source'],
                        *r['endings'], r['label']])
    return len(rows)
