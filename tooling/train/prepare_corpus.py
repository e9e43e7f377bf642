"""Builds the plain-text pretraining corpus (one document per line) from the training splits only.

Sources (README.md gives repository, commit and sha256 of each): IMDB reviews (aclImdb train + unsup),
RACE train passages, CoNLL-2003 train sentences (detokenised), and the passages of the extractive-QA
training set when present. No dev or test text of any task enters the corpus.
"""
import html
import json
import random
import re
import subprocess
import sys

from common import DATA, WORK

IMDB_REPO = '/work/.mirror/PVidyadhar+Detection-of-Fraud-apps-using-Sentiment-Analysis/repo'


def imdb_docs():
    listing = subprocess.run(['git', '-C', IMDB_REPO, 'ls-tree', '-r', '--name-only', 'HEAD', 'aclImdb/train'],
                             capture_output=True, text=True, check=True).stdout.split()
    # One `git cat-file --batch` process for 75k blobs.
    proc = subprocess.Popen(['git', '-C', IMDB_REPO, 'cat-file', '--batch'], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    for path in sorted(p for p in listing if re.match(r'aclImdb/train/(pos|neg|unsup)/.*\.txt$', p)):
        proc.stdin.write(f'HEAD:{path}\n'.encode())
        proc.stdin.flush()
        header = proc.stdout.readline().split()
        size = int(header[2])
        body = proc.stdout.read(size + 1)[:-1].decode('utf-8', 'replace')
        text = html.unescape(body.replace('<br />', ' '))
        yield re.sub(r'\s+', ' ', text).strip()
    proc.stdin.close()
    proc.wait()


def race_docs():
    seen = set()
    with open(DATA / 'race' / 'train.jsonl') as f:
        for line in f:
            article = json.loads(line)['article']
            if article not in seen:
                seen.add(article)
                yield re.sub(r'\s+', ' ', article).strip()


def detokenize(tokens):
    text = ' '.join(tokens)
    text = re.sub(r' ([.,;:!?%)\]}])', r'\1', text)
    text = re.sub(r'([(\[{$]) ', r'\1', text)
    text = re.sub(r" (n't|'s|'re|'ve|'ll|'d|'m)\b", r'\1', text)
    return text


def conll_docs():
    doc, sentence = [], []
    for line in open(DATA / 'conll2003' / 'train.txt'):
        line = line.strip()
        if line.startswith('-DOCSTART-'):
            if doc:
                yield ' '.join(doc)
            doc = []
        elif not line:
            if sentence:
                doc.append(detokenize(sentence))
            sentence = []
        else:
            sentence.append(line.split()[0])
    if sentence:
        doc.append(detokenize(sentence))
    if doc:
        yield ' '.join(doc)


def qa_docs():
    path = WORK / 'qa' / 'train.json'
    if not path.exists():
        return
    seen = set()
    for article in json.load(open(path))['data']:
        for p in article['paragraphs']:
            c = re.sub(r'\s+', ' ', p['context']).strip()
            if c not in seen:
                seen.add(c)
                yield c


def main():
    out = WORK / 'corpus'
    out.mkdir(parents=True, exist_ok=True)
    counts = {}
    docs = []
    for name, gen, repeat in [('imdb', imdb_docs, 1), ('race', race_docs, 1), ('conll', conll_docs, 4), ('qa', qa_docs, 3)]:
        these = [d for d in gen() if d]
        counts[name] = {'docs': len(these), 'words': sum(len(d.split()) for d in these), 'repeat': repeat}
        # Wikipedia and news passages are scarce next to movie reviews: seen several times per epoch.
        docs.extend(these * repeat)
        print(name, counts[name], file=sys.stderr)
    random.Random(0).shuffle(docs)
    with open(out / 'corpus.txt', 'w') as f:
        for d in docs:
            f.write(d + '\n')
    json.dump(counts, open(out / 'counts.json', 'w'), indent=2)


if __name__ == '__main__':
    main()
