#!/usr/bin/env python3
"""HellaSwag validation set, as the llama.cpp-style text dump in klosax/hellaswag_text_data
(hellaswag_val_full.txt.bz2: 6 lines per item = '<activity_label>: <ctx>', gold label,
4 endings; text already cleaned of [header]/[step]/[title] markers by extract_hellaswag.cpp).
Outputs:
  hellaswag_val.jsonl        all 10,042 items: {idx, activity_label, ctx, endings, label}
  hellaswag_val_all.csv      SWAG-layout CSV of all items
  hs_train.csv / hs_dev.csv  a deterministic 8,042 / 2,000 split of the above (every 5th
                             item, idx % 5 == 4, goes to hs_dev until 2,000; see code)
The activity label is split off at the FIRST ': ' (activity labels contain no ': ').
NOTE: this is HellaSwag's official *validation* split (its train split, 39,905 items,
is not available here); do not also use it as a HellaSwag evaluation set."""
import sys, bz2, json
sys.path.insert(0, '..')
import swagfmt
lines = bz2.open('raw/hellaswag_val_full.txt.bz2', 'rt', encoding='utf-8').read().split('\n')
if lines and lines[-1] == '':
    lines = lines[:-1]
assert len(lines) % 6 == 0, len(lines)
items = []
for k in range(0, len(lines), 6):
    head, lab, *ends = lines[k:k + 6]
    act, sep, ctx = head.partition(': ')
    assert sep, head
    items.append({'idx': k // 6, 'activity_label': act, 'ctx': ctx, 'endings': ends, 'label': int(lab)})
with open('hellaswag_val.jsonl', 'w') as f:
    for it in items:
        f.write(json.dumps(it, ensure_ascii=False) + '\n')
def rows(sel):
    return [{'id': f"hellaswag-val-{it['idx']}|{it['activity_label']}", 'fold': it['idx'],
             'startphrase': it['ctx'], 'source': 'hellaswag', 'endings': it['endings'],
             'label': it['label']} for it in sel]
print('all', swagfmt.write('hellaswag_val_all.csv', rows(items)))
dev = [it for it in items if it['idx'] % 5 == 4][:2000]
dev_ids = {it['idx'] for it in dev}
train = [it for it in items if it['idx'] not in dev_ids]
print('hs_train', swagfmt.write('hs_train.csv', rows(train)))
print('hs_dev', swagfmt.write('hs_dev.csv', rows(dev)))
