"""Writes a shipped model folder from a fine-tuned one, with its reference outputs and scores.

The shipped weights are float16 (half the bytes; `torch_dtype` says so). Every number in `golden/`
and in `golden/metrics.json` is computed by PyTorch in float32 *on those float16 weights*, so the
JavaScript tests compare the shipped files against the reference at the fp32 tolerance, and the
card's scores are the scores of the files users get.

    python export.py question-answering   /work/train-work/qa-model/model  ../../fixtures/demo/convbert-mini-squad
    python export.py token-classification /work/train-work/ner/model       ../../fixtures/demo/convbert-mini-conll03
    python export.py multiple-choice      /work/train-work/mc-model/model  ../../fixtures/demo/convbert-mini-codah
"""
import json
import platform
import shutil
import sys
from pathlib import Path

import torch
import transformers
from safetensors.torch import save_file
from transformers import (ConvBertForMultipleChoice, ConvBertForQuestionAnswering, ConvBertForTokenClassification,
                          ConvBertTokenizer, ConvBertTokenizerFast, pipeline)
from transformers.pipelines.question_answering import QuestionAnsweringPipeline

# transformers 4.57 (used here) merges question-answering candidates with the same text (summing their scores);
# the reference this project follows, 4.36.2, lists each span on its own. Undo the merge, so that the
# golden outputs and the SQuAD scores are 4.36.2's.
QuestionAnsweringPipeline.get_answer = lambda self, answers, target: None

import golden_inputs
from common import DATA, WORK

CLASSES = {'question-answering': ConvBertForQuestionAnswering, 'token-classification': ConvBertForTokenClassification,
           'multiple-choice': ConvBertForMultipleChoice}


def write_folder(task, trained, out):
    """The folder users load: config, float16 safetensors, the WordPiece tokenizer's files."""
    out = Path(out)
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    model = CLASSES[task].from_pretrained(trained).eval()
    model.config.torch_dtype = torch.float16
    model.config.architectures = [CLASSES[task].__name__]
    model.config.save_pretrained(out)
    state = {k: v.detach().half().contiguous() for k, v in model.state_dict().items()}
    save_file(state, out / 'model.safetensors', metadata={'format': 'pt'})
    slow = ConvBertTokenizer(str(WORK / 'vocab' / 'vocab.txt'), do_lower_case=False, strip_accents=None,
                             tokenize_chinese_chars=True, model_max_length=512)
    slow.save_pretrained(out)
    # save_pretrained also writes added_tokens.json for nothing added; the folder keeps what loaders read.
    (out / 'added_tokens.json').unlink(missing_ok=True)
    # transformers 4.57 writes `dtype` and `extra_special_tokens`; the reference this project follows (4.36.2)
    # reads `torch_dtype` and has no `extra_special_tokens`: write the files as it does.
    edit_json(out / 'config.json', lambda c: {('torch_dtype' if k == 'dtype' else k): v for k, v in c.items()})
    edit_json(out / 'tokenizer_config.json', lambda c: {k: v for k, v in c.items() if k != 'extra_special_tokens'})
    (out / 'model.safetensors').chmod(0o644)


def edit_json(path, change):
    data = change(json.load(open(path)))
    with open(path, 'w') as f:
        json.dump(dict(sorted(data.items())), f, indent=2)
        f.write('\n')


def load(task, folder):
    """The shipped folder as transformers loads it: float16 weights, float32 compute."""
    model = CLASSES[task].from_pretrained(folder, dtype=torch.float32).eval()
    fast = ConvBertTokenizerFast.from_pretrained(folder)  # converted from vocab.txt, as the JS fast path does
    return model, fast


def plain(x):
    if isinstance(x, dict):
        return {k: plain(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [plain(v) for v in x]
    if hasattr(x, 'item'):
        return x.item()
    return x


@torch.no_grad()
def golden_qa(model, tok):
    qa = pipeline('question-answering', model=model, tokenizer=tok, device='cpu')
    cases = []
    for c in golden_inputs.qa_cases():
        enc = tok(c['question'], c['context'], truncation='only_second', max_length=384)
        out = model(input_ids=torch.tensor([enc['input_ids']]), token_type_ids=torch.tensor([enc['token_type_ids']]))
        cases.append({**c, 'input_ids': enc['input_ids'], 'token_type_ids': enc['token_type_ids'],
                      'start_logits': out.start_logits[0].tolist(), 'end_logits': out.end_logits[0].tolist(),
                      'pipeline': plain(qa(question=c['question'], context=c['context'])),
                      'pipeline_top_k_3': plain(qa(question=c['question'], context=c['context'], top_k=3))})
    return cases


@torch.no_grad()
def golden_ner(model, tok):
    cases = []
    pipes = {s: pipeline('token-classification', model=model, tokenizer=tok, device='cpu', aggregation_strategy=s)
             for s in ['none', 'simple', 'first', 'average', 'max']}
    for text in golden_inputs.ner_cases():
        enc = tok(text)
        logits = model(input_ids=torch.tensor([enc['input_ids']])).logits[0]
        cases.append({'text': text, 'input_ids': enc['input_ids'], 'logits': logits.tolist(),
                      'pipeline': {s: plain(p(text)) for s, p in pipes.items()}})
    return cases


@torch.no_grad()
def golden_mc(model, tok):
    cases = []
    for c in golden_inputs.mc_cases():
        rows = [tok(c['prompt'], choice) for choice in c['choices']]
        # Each choice alone and unpadded (the pipeline's default), and all four padded together (the reference's examples).
        alone = [model(input_ids=torch.tensor([[r['input_ids']]]), token_type_ids=torch.tensor([[r['token_type_ids']]])).logits[0, 0].item()
                 for r in rows]
        scores = torch.softmax(torch.tensor(alone), -1).tolist()
        cases.append({**c, 'input_ids': [r['input_ids'] for r in rows], 'logits': alone,
                      'scores': scores, 'best': max(range(len(alone)), key=lambda i: alone[i])})
    return cases


def main(task, trained, out):
    write_folder(task, trained, out)
    model, tok = load(task, out)
    golden = Path(out) / 'golden'
    golden.mkdir()
    make = {'question-answering': golden_qa, 'token-classification': golden_ner, 'multiple-choice': golden_mc}[task]
    meta = {'transformers': transformers.__version__, 'torch': torch.__version__, 'python': platform.python_version(),
            'note': 'PyTorch float32 on the float16 weights of this folder; each input alone, unpadded'}
    json.dump({**meta, 'cases': make(model, tok)}, open(golden / 'cases.json', 'w'), indent=1)
    json.dump({**meta, **scores(task, model, tok)}, open(golden / 'metrics.json', 'w'), indent=2)


def scores(task, model, tok):
    if task == 'question-answering':
        from finetune_qa import evaluate
        from metrics import squad_scores
        dev = json.load(open(DATA / 'squad' / 'dev-v1.1.json'))['data']
        return {'squad_v1.1_dev': squad_scores(evaluate(model, tok, dev), dev)}
    if task == 'token-classification':
        from finetune_ner import encode, evaluate, read_conll
        root = DATA / 'conll2003' / 'iob2'
        return {f'conll2003_{s}': evaluate(model, encode(tok, read_conll(root / f'{s}.txt'))) for s in ['dev', 'test']}
    from finetune_mc import accuracy, encode, read
    return {'hellaswag_dev': accuracy(model, encode(tok, read(DATA / 'mc' / 'hellaswag-val' / 'hs_dev.csv'))),
            'codah_test': accuracy(model, encode(tok, read(DATA / 'mc' / 'codah' / 'codah_test.csv')))}


if __name__ == '__main__':
    main(*sys.argv[1:4])
