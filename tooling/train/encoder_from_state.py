"""Writes the discriminator encoder of a pretraining checkpoint as a ConvBertModel folder
(to fine-tune from an intermediate checkpoint while pretraining goes on)."""
import json
import sys
from pathlib import Path

import torch
from transformers import ConvBertModel

from common import WORK
from pretrain import config


def main(out):
    state = torch.load(WORK / 'pretrain' / 'state.pt', weights_only=False)
    cfg = config(state['disc_config'], state['vocab_size'])
    cfg.hidden_dropout_prob = cfg.attention_probs_dropout_prob = 0.1
    model = ConvBertModel(cfg)
    prefix = 'convbert.'
    model.load_state_dict({k[len(prefix):]: v for k, v in state['disc'].items() if k.startswith(prefix)})
    model.save_pretrained(out)
    json.dump({'step': state['step'], 'minutes': state['elapsed'] / 60}, open(Path(out) / 'pretrain.json', 'w'))
    print('step', state['step'], 'minutes', round(state['elapsed'] / 60, 1))


if __name__ == '__main__':
    main(sys.argv[1])
