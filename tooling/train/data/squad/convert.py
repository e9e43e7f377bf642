#!/usr/bin/env python3
"""Extract dev-v1.1.json unchanged from raw/dev-v1.1.json.zip (from pulakdas1999/QnA_using_BERT)
and verify it (md5 must equal the official 3e85deb501d4e538b6bc56f786231552)."""
import collections, hashlib, json, os, zipfile
HERE = os.path.dirname(os.path.abspath(__file__))
b = zipfile.ZipFile(os.path.join(HERE, "raw", "dev-v1.1.json.zip")).read("dev-v1.1.json")
assert hashlib.md5(b).hexdigest() == "3e85deb501d4e538b6bc56f786231552"
open(os.path.join(HERE, "dev-v1.1.json"), "wb").write(b)
d = json.loads(b)
qs = [qa for a in d["data"] for p in a["paragraphs"] for qa in p["qas"]]
print("version", d["version"], "articles", len(d["data"]),
      "paragraphs", sum(len(a["paragraphs"]) for a in d["data"]), "questions", len(qs))
print("gold answers per question", sorted(collections.Counter(len(q["answers"]) for q in qs).items()))
