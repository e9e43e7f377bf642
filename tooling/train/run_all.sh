#!/usr/bin/env bash
# The whole training, in order, resumable: run it again after a stop and each step continues from its
# last checkpoint (finished steps are skipped). Everything runs under `nice`, one torch thread each by
# default (TRAIN_THREADS), so the machine stays usable. Data: see README.md ("Data").
set -euo pipefail
cd "$(dirname "$0")"
PY=${PYTHON:-python3}
W=${CONVBERT_TRAIN_WORK:-/work/train-work}
run() { nice -n 5 "$PY" "$@"; }
[ -f "$W/qa/train.json" ] || run prepare_qa.py
[ -f "$W/corpus/corpus.txt" ] || run prepare_corpus.py
[ -f "$W/vocab/vocab.txt" ] || run train_vocab.py
[ -f "$W/pretrain/encoder/config.json" ] || run pretrain.py --steps "${PRETRAIN_STEPS:-3000}"
[ -f "$W/ner/scores.json" ] || run finetune_ner.py
[ -f "$W/mc-model/scores.json" ] || run finetune_mc.py
[ -f "$W/qa-model/scores.json" ] || run finetune_qa.py
