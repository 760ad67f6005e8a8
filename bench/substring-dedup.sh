#!/usr/bin/env bash
# SubstringDedup at size: ko-wiki (56.7 MB of JSONL, ≈ 42 MB of text) concatenated with itself (each copy with new ids)
# to SIZE MB of JSONL, run through configs/bench-substring.yaml by bench/throughput.sh (time, CPU seconds, peak memory,
# per-pass seconds on stderr).
#   bench/substring-dedup.sh [--distinct] SIZE_MB...        e.g. bench/substring-dedup.sh 100 1000
# Inputs are written under /tmp (never into the repository).
# Default (copies): every copy after the first repeats the first, so all but the first copy's text is cut: the worst
# case for the merge (every window repeated, every comparison of equal windows reads deep) and for the decision pass,
# and a different kind of input at each size (100 MB is 1.8 copies, 1 GB 17.6).
# --distinct: copy c has every Hangul syllable shifted by c × 997 (mod 11,172), every Latin letter by c (mod 26) and
# every digit by c (mod 10): bijections that keep each character's UTF-8 length, so a copy repeats itself exactly as
# ko-wiki does (its natural repeats stay) but no longer repeats the other copies. The repeat structure is then the same
# at every size, which is what "how cost grows with n" needs.
set -euo pipefail
cd "$(dirname "$0")/.."
mode=copies
if [ "${1:-}" = --distinct ]; then
  mode=distinct
  shift
fi
for size in "$@"; do
  input=/tmp/dataprep-bench-kowiki-${size}mb.jsonl
  [ "$mode" = distinct ] && input=/tmp/dataprep-bench-kowiki-distinct-${size}mb.jsonl
  if [ ! -s "$input" ]; then
    python3 - "$input" "$size" "$mode" <<'PY'
import gzip, json, os, sys
path, target, mode = sys.argv[1], int(sys.argv[2]) * 1_000_000, sys.argv[3]
lines = gzip.open("../shared/corpora/ko-wiki.jsonl.gz", "rt", encoding="utf-8").read().splitlines()

def table(copy):
    """Per-copy bijection on Hangul syllables, Latin letters and digits (UTF-8 lengths unchanged); copy 0 = identity."""
    t = {0xAC00 + s: 0xAC00 + (s + copy * 997) % 11172 for s in range(11172)}
    for base, n in ((ord("a"), 26), (ord("A"), 26), (ord("0"), 10)):
        t.update({base + i: base + (i + copy) % n for i in range(n)})
    return t

written, copy = 0, 0
with open(path + ".tmp", "w", encoding="utf-8") as out:
    while written < target:
        shift = table(copy) if mode == "distinct" and copy > 0 else None
        for line in lines:
            record = json.loads(line)
            record["id"] = f"{record.get('id')}-copy{copy}"
            if shift is not None and isinstance(record.get("text"), str):
                record["text"] = record["text"].translate(shift)
            text = json.dumps(record, ensure_ascii=False) + "\n"
            out.write(text)
            written += len(text.encode("utf-8"))
            if written >= target:
                break
        copy += 1
os.rename(path + ".tmp", path)
PY
  fi
  echo "== ${size} MB of ko-wiki JSONL, ${mode} ($(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg))"
  bench/throughput.sh configs/bench-substring.yaml "$input"
done
