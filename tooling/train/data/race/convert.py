#!/usr/bin/env python3
"""Convert RACE (raw/RACE/{train,dev,test}/{high,middle}/*.txt, one JSON object per file:
article, questions[], options[][4], answers[] ('A'-'D'), id) into
  {train,dev,test}.jsonl   one line per question: id, level, article, question, options[4], label (0-3)
  {train,dev,test}.csv     the SWAG 'regular' column layout, so SWAG loaders can be reused:
      ,video-id,fold-ind,startphrase,sent1,sent2,gold-source,ending0,ending1,ending2,ending3,label
    video-id = <level>/<file id>, fold-ind = question index inside that file,
    sent1 = article, sent2 = question, startphrase = article + ' ' + question, gold-source = 'race'.
Files are processed in sorted order (level, then numeric file id)."""
import csv, json, os

HERE = os.path.dirname(os.path.abspath(__file__))
RAW = os.path.join(HERE, "raw", "RACE")


def items(split):
    for level in ("high", "middle"):
        d = os.path.join(RAW, split, level)
        for fn in sorted(os.listdir(d), key=lambda s: int(s.split(".")[0])):
            with open(os.path.join(d, fn), encoding="utf-8") as f:
                ex = json.load(f)
            assert len(ex["questions"]) == len(ex["options"]) == len(ex["answers"])
            for qi, (q, opts, ans) in enumerate(zip(ex["questions"], ex["options"], ex["answers"])):
                assert len(opts) == 4 and ans in "ABCD", (fn, qi)
                yield dict(id="%s/%s/%s-%d" % (split, level, fn, qi), level=level,
                           file=fn, qi=qi, article=ex["article"], question=q,
                           options=opts, label="ABCD".index(ans))


def main():
    for split in ("train", "dev", "test"):
        rows = list(items(split))
        with open(os.path.join(HERE, split + ".jsonl"), "w", encoding="utf-8") as f:
            for r in rows:
                f.write(json.dumps({k: r[k] for k in ("id", "level", "article", "question", "options", "label")},
                                   ensure_ascii=False) + "\n")
        with open(os.path.join(HERE, split + ".csv"), "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f)
            w.writerow(["", "video-id", "fold-ind", "startphrase", "sent1", "sent2", "gold-source",
                        "ending0", "ending1", "ending2", "ending3", "label"])
            for i, r in enumerate(rows):
                w.writerow([i, "%s/%s" % (r["level"], r["file"]), r["qi"],
                            r["article"] + " " + r["question"], r["article"], r["question"], "race",
                            *r["options"], r["label"]])
        print(split, "questions", len(rows), "passages", len({(r["level"], r["file"]) for r in rows}))


if __name__ == "__main__":
    main()
