"""SQuAD v1.1 EM / F1 (official normalisation, metrics.py) of the predictions squad_predict.mjs wrote, into
the shipped folder's golden/metrics.json (export.py's PyTorch scoring of 10,570 questions takes ~35 minutes
on this machine; see squad_predict.mjs).

    python score_squad.py <predictions.json> <shipped folder>
"""
import json
import sys
from pathlib import Path

from common import DATA
from metrics import squad_scores


def main(predictions, folder):
    dev = json.load(open(DATA / 'squad' / 'dev-v1.1.json'))['data']
    scores = squad_scores(json.load(open(predictions)), dev)
    meta = {'note': "@convbert/node's question-answering pipeline (Hugging Face 4.36.2's answers) on this folder, "
                    'each question alone, unpadded; squad_predict.mjs + score_squad.py'}
    out = Path(folder) / 'golden' / 'metrics.json'
    json.dump({**meta, 'squad_v1.1_dev': scores}, open(out, 'w'), indent=2)
    print(json.dumps(scores))


if __name__ == '__main__':
    main(*sys.argv[1:3])
