"""Paths, seeds and small helpers shared by the training scripts (Python: training only)."""
import json
import math
import os
import random
import time
from pathlib import Path

import numpy as np
import torch

# Data sets live outside the repository (see README.md for where each file comes from).
DATA = Path(os.environ.get('CONVBERT_DATA', '/work/data'))
# Training state (corpora, tokenized caches, checkpoints) is large and never committed.
WORK = Path(os.environ.get('CONVBERT_TRAIN_WORK', '/work/train-work'))
REPO = Path(__file__).resolve().parents[2]


def seed_everything(seed):
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def set_threads():
    # One intra-op thread by default: the machine has two cores and the test suite shares them.
    torch.set_num_threads(int(os.environ.get('TRAIN_THREADS', '1')))


def log(path, **record):
    record['time'] = time.strftime('%Y-%m-%dT%H:%M:%S')
    line = json.dumps(record)
    print(line, flush=True)
    with open(path, 'a') as f:
        f.write(line + '\n')


def linear_schedule(fraction, warmup=0.06):
    """Learning-rate factor for the share of the budget used so far: linear warm-up, then linear decay to 0."""
    if fraction < warmup:
        return fraction / warmup
    return max(0.0, (1 - fraction) / (1 - warmup))


def save_atomic(obj, path):
    tmp = Path(str(path) + '.tmp')
    torch.save(obj, tmp)
    os.replace(tmp, path)


def param_groups(model, weight_decay):
    """AdamW groups: no decay on biases and LayerNorm weights (as in BERT / ELECTRA)."""
    decay, no_decay = [], []
    for name, p in model.named_parameters():
        if not p.requires_grad:
            continue
        (no_decay if p.ndim == 1 or 'LayerNorm' in name else decay).append(p)
    return [{'params': decay, 'weight_decay': weight_decay}, {'params': no_decay, 'weight_decay': 0.0}]


class Clock:
    """Training time that survives restarts: the elapsed seconds are stored in each checkpoint."""

    def __init__(self, already=0.0):
        self.base = already
        self.start = time.time()

    def elapsed(self):
        return self.base + time.time() - self.start


def sha256(path):
    import hashlib
    h = hashlib.sha256()
    with open(path, 'rb') as f:
        for chunk in iter(lambda: f.read(1 << 20), b''):
            h.update(chunk)
    return h.hexdigest()


def ceil_to(n, m):
    return int(math.ceil(n / m) * m)
