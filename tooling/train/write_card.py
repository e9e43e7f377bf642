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
| CODAH (2,776 items), the repository's fold 0 | `Websail-NU/CODAH` @ `acf7ffa4` | train (1,665): training; dev (556): choosing the starting encoder, then training; test (555): evaluation only |
| HellaSwag validation set (10,042 items), split by us: `idx % 5 == 4` → hs_dev (2,000) | `klosax/hellaswag_text_data` @ `1105d370` | hs_dev: evaluation only (not trained on) |""",
}

PRETRAIN = """The encoder was pretrained from random initialisation for this project (`tooling/train/pretrain.py`),
ELECTRA-style as in the ConvBERT paper: a small generator (hidden 64) fills 15% masked word pieces, the
discriminator (this model's encoder) learns at every position whether the token was replaced; they share
their embeddings. {steps:,} steps: 1,822 of 32 × 128 tokens, then 91 of 11 × 384 ({tokens:.1f} M tokens,
{minutes:.0f} minutes on a shared 2-vCPU machine); AdamW (lr 5e-4, warm-up 6%, linear decay, weight decay 0.01),
no dropout. The run was planned for 3,000 steps, cut to a 2,200-step schedule at step 1,822 and stopped at
its last checkpoint for time, so its learning rate had not decayed to zero. Text: IMDB reviews (aclImdb train +
unsup, 17.4 M words), RACE training passages (7.0 M words), CoNLL-2003 training sentences and the QA
training passages (the training splits only). Vocabulary: 16,000 cased WordPiece pieces trained on the
same text (`train_vocab.py`)."""


TITLES = {
    'token-classification': ('convbert-mini-conll03', 'ConvBertForTokenClassification',
                             'named-entity recognition (CoNLL-2003 English: PER, LOC, ORG, MISC in IOB2)'),
    'question-answering': ('convbert-mini-squad', 'ConvBertForQuestionAnswering',
                           'extractive question answering (the answer is a span of the context)'),
    'multiple-choice': ('convbert-mini-codah', 'ConvBertForMultipleChoice',
                        'four-way multiple choice: which ending continues a context'),
}

LICENCES = {
    'token-classification': 'CoNLL-2003: the annotations are public; the text is Reuters RCV1, distributed by NIST for research use.',
    'question-answering': 'SQuAD v1.1 dev: CC BY-SA 4.0. SQuAD-shifts: not stated in the snapshot (see its SOURCE.md). TyDi QA: '
                          'Apache-2.0. QED: Natural Questions, CC BY-SA 3.0. SubjQA: the terms of its Amazon, TripAdvisor and Yelp sources.',
    'multiple-choice': 'HellaSwag: MIT. CODAH: ODC-BY 1.0.',
}

FINETUNE = {
    'token-classification': 'lr 2e-4, 3 epochs of CoNLL-2003 train, 2,048 tokens a batch; a word\'s first piece carries its label',
    'question-answering': 'lr 3e-4, a quarter of an epoch (524 steps) of the 38,239 training questions, then from that model '
                          'lr 2e-4 for 0.6 epoch more (1,259 steps, another shuffle: seed 1), then from that lr 1.5e-4 for 0.6 epoch more '
                          '(seed 2), then lr 1e-4 for 0.6 epoch more twice (seeds 3 and 4); 4,096 tokens a batch, '
                          'windows of 384 tokens with a 128-token stride',
    'multiple-choice': 'from the encoder of `convbert-mini-squad` after its second run (EM 9.7 / F1 15.2; chosen on CODAH dev: 41.7% from it vs 40.3% from the '
                       'pretrained encoder, both trained on CODAH train only, a difference within the noise of 556 questions), '
                       'then lr 5e-4, 4 epochs of CODAH train + dev, 4,096 tokens a batch, '
                       '`[CLS] context [SEP] ending [SEP]` per choice',
}


def score_line(task, m):
    """The one-line score of the card, which @convbert/models' table repeats word for word."""
    if task == 'token-classification':
        return f"dev entity F1 {m['conll2003_dev']['f1']:.1f}"
    if task == 'question-answering':
        s = m['squad_v1.1_dev']
        return f"SQuAD v1.1 dev EM {s['exact_match']:.1f} / F1 {s['f1']:.1f}"
    return f"CODAH test accuracy {m['codah_test']['accuracy']:.1f}%"


def results(task, m):
    if task == 'token-classification':
        rows = ['| split | precision | recall | F1 | entities |', '| --- | ---: | ---: | ---: | ---: |']
        for split in ['dev', 'test']:
            r = m[f'conll2003_{split}']
            rows.append(f"| CoNLL-2003 {split} | {r['precision']:.1f} | {r['recall']:.1f} | **{r['f1']:.1f}** | {r['entities']:,} |")
        rows += ['', '| type | dev F1 | test F1 |', '| --- | ---: | ---: |']
        for t in m['conll2003_dev']['per_type']:
            rows.append(f"| {t} | {100 * m['conll2003_dev']['per_type'][t]['f1']:.1f} | {100 * m['conll2003_test']['per_type'][t]['f1']:.1f} |")
        return '\n'.join(rows) + '\n\nseqeval\'s entity definition: an entity counts only with its exact span and type.'
    if task == 'question-answering':
        s = m['squad_v1.1_dev']
        return (f"SQuAD v1.1 dev (10,570 questions, official normalisation, max over the gold answers): "
                f"**exact match {s['exact_match']:.1f}, F1 {s['f1']:.1f}**. For scale: BERT-base gets about 81 / 88, "
                f"a BiDAF trained from scratch about 68 / 77. This model never saw SQuAD's own training set "
                f"(not obtainable here), was pretrained on 7.9 M tokens and fine-tuned for 2.65 epochs. The curve: "
                f"after 0.25 epoch (40 minutes) EM 6.5 / F1 11.5, after 0.85 epoch (80 minutes) EM 9.7 / F1 15.2, "
                f"after 1.45 epochs (102 minutes; the third run on two threads) EM 11.4 / F1 17.4, "
                f"after 2.05 epochs (126 minutes; lr 1e-4, two threads) EM 13.3 / F1 19.3, "
                f"after 2.65 epochs (150 minutes) EM {s['exact_match']:.1f} / F1 {s['f1']:.1f}.")
    return (f"| set | items | accuracy | chance |\n| --- | ---: | ---: | ---: |\n"
            f"| CODAH fold 0 test | 555 | **{m['codah_test']['accuracy']:.1f}%** | 25% |\n"
            f"| HellaSwag dev (our re-split of its validation set; never trained on) | 2,000 | {m['hellaswag_dev']['accuracy']:.1f}% | 25% |\n\n"
            f"SWAG itself (73k / 20k) could not be obtained here. CODAH is SWAG's form (a context, four endings, "
            f"one sensible) written by people to fool models. "
            f"HellaSwag, SWAG's harder successor, stays at chance for this model (BERT-large: about 47%).")


def how_scored(task):
    if task == 'question-answering':
        return ("Scored on this folder's float16 weights through `@convbert/node`'s question-answering pipeline "
                "(`squad_predict.mjs`, which gives Hugging Face 4.36.2's answers: the project's tests compare them on "
                "the examples below), each question alone and unpadded.")
    return ("Scores computed by PyTorch in float32 on this folder's float16 weights (`golden/metrics.json` in the "
            "project's fixtures), each input alone and unpadded, as the project's pipelines run it.")


def examples(task, cases):
    if task == 'token-classification':
        rows = ['| text | entities (`aggregation_strategy="simple"`) |', '| --- | --- |']
        for c in cases[-7:]:
            ents = ', '.join(f"{e['word']} ({e['entity_group']}, {e['score']:.2f})" for e in c['pipeline']['simple'])
            rows.append(f"| {c['text']} | {ents or '(none)'} |")
        return '\n'.join(rows)
    if task == 'question-answering':
        rows = ['| question | context (start) | answer (score) |', '| --- | --- | --- |']
        for c in cases[-6:]:
            rows.append(f"| {c['question']} | {c['context'][:70]}… | {c['pipeline']['answer']} ({c['pipeline']['score']:.2f}) |")
        return '\n'.join(rows)
    rows = ['| context | choices | picked (score) |', '| --- | --- | --- |']
    for c in cases[-6:]:
        best = c['best']
        rows.append(f"| {c['prompt']} | {' / '.join(c['choices'])} | {c['choices'][best]} ({c['scores'][best]:.2f}) |")
    return '\n'.join(rows)


LIMITS = {
    'token-classification': 'Trained on 1996 Reuters news: names from other domains, lower-case text and non-English names '
                            'are often missed or split (see the last examples: accented names break into pieces); '
                            'MISC is the weakest type.',
    'question-answering': 'Weak: it often returns a span of the right type near the answer rather than the answer, and '
                          'its scores are low even when it is right. It never says "no answer" (SQuAD v1.1 style). '
                          'Use it to try the pipeline, not to answer questions.',
    'multiple-choice': 'Right on about two CODAH questions in five (chance: one in four) and at chance on HellaSwag: '
                       'it was fine-tuned on 2,221 questions only. '
                       'It runs the pipeline end to end; do not trust its choices.',
}


NO_PEEKING = {
    'token-classification': 'No dev or test data was used for training or for choosing anything.',
    'question-answering': 'No dev or test data was used for training or for choosing anything.',
    'multiple-choice': 'CODAH dev chose the starting encoder and was then trained on; CODAH test and HellaSwag dev '
                       'were used for nothing but these scores.',
}


def main(task, folder, run):
    folder = Path(folder)
    name, cls, what = TITLES[task]
    m = json.load(open(folder / 'golden' / 'metrics.json'))
    cases = json.load(open(folder / 'golden' / 'cases.json'))['cases']
    cfg = json.load(open(folder / 'config.json'))
    pre = json.load(open(WORK / 'pretrain' / 'encoder' / 'pretrain.json'))
    minutes = 0
    for part in run.split(','):  # a run resumed as a second run from the first's model: 'qa-model,qa-model2'
        log = [json.loads(line) for line in open(WORK / part / 'log.jsonl') if '"step"' in line]
        minutes += log[-1]['minutes'] if log else 0
    size = (folder / 'model.safetensors').stat().st_size / 1e6
    labels = ''
    if task == 'token-classification':
        labels = ' Labels: ' + ', '.join(f"`{i} = {l}`" for i, l in sorted(cfg['id2label'].items(), key=lambda x: int(x[0]))) + '.'
    card = f"""# {name}

A **small demonstration model**: ConvBERT (`{cls}`, Hugging Face `transformers` format) for {what}.{labels}
Pretrained from scratch and fine-tuned for this project on a 2-vCPU machine; {size:.1f} MB (float16 weights,
float32 compute). The default `{task}` model of `@convbert/node`. Far below real checkpoints.

## Results

In one line: **{score_line(task, m)}**.

{results(task, m)}

{how_scored(task)} {NO_PEEKING[task]}

## Examples

{examples(task, cases)}

(Hugging Face `pipeline()` on this folder; the project's tests check that `@convbert/node` gives the same.)

## Data

{DATA_ROWS[task]}

Licences, as the sources state them: {LICENCES[task]}

## Training

{PRETRAIN.format(steps=pre['step'], tokens=7.85, minutes=pre['minutes'])}

Fine-tuning: {FINETUNE[task]}; AdamW (weight decay 0.01), 10% warm-up then linear decay, dropout 0.1, seed 0;
{minutes:.0f} minutes. Commands, data provenance (commit and sha256 of every file) and the scripts:
`tooling/train/` in the project.

## Shape

embedding 128, hidden 256, 4 layers, 4 heads (`head_ratio` 2: 2 self-attention + 2 span-based dynamic
convolution heads, kernel 9), intermediate 1024, 512 positions; vocabulary 16,000 cased WordPiece pieces
(`[PAD] [UNK] [CLS] [SEP] [MASK]` = 0–4, `do_lower_case: false`).

## Limits

{LIMITS[task]} A demo model: do not use it for decisions about people.
"""
    (folder / 'README.md').write_text(card)
    print(score_line(task, m))


if __name__ == '__main__':
    main(*sys.argv[1:4])
