"""Writes a shipped model folder from a fine-tuned one, with its reference outputs.

The shipped weights are float16 (half the bytes; `torch_dtype` says so). Every number in `golden/`
is computed by PyTorch in float32 *on those float16 weights*, so the JavaScript tests compare the
shipped files against the reference exactly (fp32 tolerance), and the scores in the card are the
scores of the files users get.
"""
import json
import shutil
import sys
from pathlib import Path

import torch
from safetensors.torch import save_file
from transformers import (AutoConfig, ConvBertForMultipleChoice, ConvBertForQuestionAnswering,
                          ConvBertForTokenClassification, ConvBertTokenizer)

from common import WORK

CLASSES = {'question-answering': ConvBertForQuestionAnswering, 'token-classification': ConvBertForTokenClassification,
           'multiple-choice': ConvBertForMultipleChoice}


def round_to_half(model):
    with torch.no_grad():
        for p in model.parameters():
            p.copy_(p.half().float())
    return model


def write_folder(task, trained, out):
    """The folder users load: config, float16 safetensors, the slow tokenizer's files."""
    out = Path(out)
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    model = round_to_half(CLASSES[task].from_pretrained(trained)).eval()
    model.config.torch_dtype = torch.float16
    model.config.max_position_embeddings = model.config.max_position_embeddings
    model.config.save_pretrained(out)
    # save_pretrained's own safetensors writer; ties are resolved the same way (nothing tied here).
    state = {k: v.half().contiguous() for k, v in model.state_dict().items()}
    save_file(state, out / 'model.safetensors', metadata={'format': 'pt'})
    tok = ConvBertTokenizer(str(WORK / 'vocab' / 'vocab.txt'), do_lower_case=False, strip_accents=None,
                            tokenize_chinese_chars=True, model_max_length=512)
    tok.save_pretrained(out)
    return model, tok


def reload(task, folder):
    """The shipped folder as transformers loads it (float16 weights, float32 compute)."""
    model = CLASSES[task].from_pretrained(folder, torch_dtype=torch.float32).eval()
    cfg = AutoConfig.from_pretrained(folder)
    return model, cfg


if __name__ == '__main__':
    task, trained, out = sys.argv[1:4]
    write_folder(task, trained, out)
