#!/usr/bin/env python3
import sys, os, collections
HERE = os.path.dirname(os.path.abspath(__file__))
def stats(path):
    sents, cur, docs = [], [], 0
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if line.startswith("-DOCSTART-"):
            docs += 1; continue
        if not line.strip():
            if cur: sents.append(cur); cur = []
            continue
        cur.append(line.split(" "))
    if cur: sents.append(cur)
    toks = [t for s in sents for t in s]
    tags = collections.Counter(t[-1] for t in toks)
    upper_first = sum(1 for t in toks if t[0][:1].isupper())
    lower_first = sum(1 for t in toks if t[0][:1].islower())
    return dict(sentences=len(sents), tokens=len(toks), docs=docs,
                ncols=sorted(set(len(t) for t in toks)), tags=dict(sorted(tags.items())),
                tokens_starting_upper=upper_first, tokens_starting_lower=lower_first), sents
if __name__ == "__main__":
    for d in ["", "iob2"]:
        for s in ["train", "dev", "test"]:
            st, _ = stats(os.path.join(HERE, d, s + ".txt"))
            print(os.path.join(d, s + ".txt"), st)
