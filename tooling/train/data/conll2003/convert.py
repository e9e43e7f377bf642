#!/usr/bin/env python3
"""Restore CoNLL-2003 English files from ZhixiuYe/HSCRF-pytorch (data/eng.{train,testa,testb}).

In that copy each file's FIRST '-DOCSTART-' line (plus its blank line) was moved to the END of
the file (the file ends with the DOCSTART line, no final newline). Everything else is the original
4-column CoNLL-2003 layout: token POS chunk NER, IOB1 tags (I-XXX; B-XXX only between adjacent
same-type entities). This script moves that DOCSTART line back to the front, writes
{train,dev,test}.txt (IOB1, original), and also iob2/{train,dev,test}.txt (same, NER column
converted IOB1->IOB2; POS/chunk columns left untouched).
"""
import os, sys

HERE = os.path.dirname(os.path.abspath(__file__))
SPLITS = {"train": "eng.train", "dev": "eng.testa", "test": "eng.testb"}


def restore(text):
    lines = text.rstrip("\n").split("\n")
    last = lines[-1]
    assert last.startswith("-DOCSTART-"), last
    idx = text.rstrip("\n").rfind("\n" + last) + 1
    body = text[:idx]
    assert body.endswith("\n\n") and not body.startswith("-DOCSTART-")
    return last + "\n\n" + body


def iob1_to_iob2(text):
    out, prev = [], "O"
    for line in text.split("\n"):
        if not line.strip() or line.startswith("-DOCSTART-"):
            out.append(line)
            prev = "O"
            continue
        cols = line.split(" ")
        tag = cols[-1]
        if tag.startswith("I-"):
            typ = tag[2:]
            if prev == "O" or prev[2:] != typ:
                tag = "B-" + typ
        cols[-1] = tag
        prev = tag
        out.append(" ".join(cols))
    return "\n".join(out)


def main():
    os.makedirs(os.path.join(HERE, "iob2"), exist_ok=True)
    for split, fn in SPLITS.items():
        with open(os.path.join(HERE, "raw", fn), encoding="utf-8", newline="") as f:
            text = f.read()
        fixed = restore(text)
        with open(os.path.join(HERE, split + ".txt"), "w", encoding="utf-8", newline="") as f:
            f.write(fixed)
        with open(os.path.join(HERE, "iob2", split + ".txt"), "w", encoding="utf-8", newline="") as f:
            f.write(iob1_to_iob2(fixed))


if __name__ == "__main__":
    main()
