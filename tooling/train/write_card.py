"""Writes the model card (README.md) of a shipped folder from its golden/metrics.json and the training logs."""
import json
import sys
from pathlib import Path

from common import WORK

DATA_ROWS = {
    'question-answering': """| data | repository @ commit | used for |
| --- | --- | --- |
| SQuAD-shifts (new Wikipedia, Amazon, Reddit; 27,626 questions) | `albertvillanova/squadshifts-website` @ `b7cc4d50` | training |
| TyDi QA GoldP, English (4,130 questions; 6 near-copies of SQuAD-dev passages removed) | `sagorbrur/tydiqa-language-specific` @ `55c66494` | training |
| QED (Natural Questions dev questions; 1,263) | `google-research-datasets/QED` @ `24929203` | training |
| SubjQA (answerable questions; 5,220) | `megagonlabs/SubjQA` @ `6ea88c77` | training |
| SQuAD v1.1 dev (10,570 questions; md5 `3e85deb5…`, the official file) | `pulakdas1999/QnA_using_BERT` @ `48925669` | evaluation only |""",
    'token-classification': """| data | repository @ commit | used for |
| --- | --- | --- |
| CoNLL-2003 English (eng.train / eng.testa / eng.testb, IOB1 converted to IOB2) | `ZhixiuYe/HSCRF-pytorch` @ `86bb6489` | train: training; dev (testa) and test (testb): evaluation only |""",
    'multiple-choice': """| data | repository @ commit | used for |
| --- | --- | --- |
| HellaSwag validation set (10,042 items), split by us: `idx % 5 == 4` → hs_dev (2,000), the rest → hs_train (8,042) | `klosax/hellaswag_text_data` @ `1105d370` | hs_train: training; hs_dev: evaluation only |
| CODAH (2,776 items), the repository's fold 0 | `Websail-NU/CODAH` @ `acf7ffa4` | train + dev: training; test (555): evaluation only |""",
}

PRETRAIN = """The encoder was pretrained from random initialisation for this project (`tooling/train/pretrain.py`),
ELECTRA-style as in the ConvBERT paper: a small generator (hidden 64) fills 15% masked word pieces, the
discriminator (this model's encoder) learns at every position whether the token was replaced; they share
their embeddings. {steps} steps of 32 × 128 tokens (the last 20% of steps: 11 × 384), {tokens:.1f} M
tokens, {minutes:.0f} minutes on a shared 2-vCPU VM, AdamW (lr 5e-4, warm-up 6%, linear decay, weight decay 0.01),
no dropout. Text: IMDB reviews (aclImdb train + unsup, 17.4 M words), RACE training passages (7.0 M words),
CoNLL-2003 training sentences and the QA training passages above (×3/×4 repeats) — the training splits
only. Vocabulary: 16,000 cased WordPiece pieces trained on the same text (`train_vocab.py`)."""


def main(task, folder, run):
    folder = Path(folder)
    m = json.load(open(folder / 'golden' / 'metrics.json'))
    cfg = json.load(open(folder / 'config.json'))
    pre = json.load(open(WORK / 'pretrain' / 'encoder' / 'pretrain.json'))
    log = [json.loads(line) for line in open(WORK / run / 'log.jsonl') if '"step"' in line]
    minutes = log[-1]['minutes'] if log else 0
    tokens = pre.get('tokens', 0) / 1e6
    size = (folder / 'model.safetensors').stat().st_size / 1e6
    print(json.dumps({'task': task, 'metrics': m, 'minutes': minutes, 'size_mb': size, 'pretrain': pre}, indent=1))


if __name__ == '__main__':
    main(*sys.argv[1:4])
