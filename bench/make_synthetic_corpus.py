#!/usr/bin/env python3
"""Writes a large synthetic Korean corpus for scale tests: each document joins K random ko-nsmc reviews.

    bench/make_synthetic_corpus.py OUT_DIR DOCS [--files 8] [--reviews 4] [--seed 7]

Deterministic (seeded). Documents drawing the same frequent short reviews become natural near-duplicates,
so MinHash has real work to do. Output: OUT_DIR/synthetic-XX.jsonl.gz with fields id, text. The corpus is
read from ../shared/corpora in place and never copied into the repo.
"""
import argparse
import gzip
import json
import os
import random

parser = argparse.ArgumentParser()
parser.add_argument("out")
parser.add_argument("docs", type=int)
parser.add_argument("--files", type=int, default=8)
parser.add_argument("--reviews", type=int, default=4)
parser.add_argument("--seed", type=int, default=7)
args = parser.parse_args()

here = os.path.dirname(os.path.abspath(__file__))
source = os.path.join(here, "..", "..", "shared", "corpora", "ko-nsmc-reviews.jsonl.gz")
with gzip.open(source, "rt", encoding="utf-8") as f:
    reviews = [json.loads(line)["text"] for line in f if line.strip()]

rng = random.Random(args.seed)
os.makedirs(args.out, exist_ok=True)
per_file = (args.docs + args.files - 1) // args.files
written = 0
for part in range(args.files):
    path = os.path.join(args.out, f"synthetic-{part:02d}.jsonl.gz")
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=1) as out:
        for _ in range(min(per_file, args.docs - written)):
            text = " ".join(rng.choice(reviews) for _ in range(args.reviews))
            out.write(json.dumps({"id": f"s{written}", "text": text}, ensure_ascii=False))
            out.write("\n")
            written += 1
print(f"{written} documents in {args.files} files under {args.out}")
