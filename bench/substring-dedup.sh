#!/usr/bin/env bash
# SubstringDedup at size: ko-wiki concatenated with itself (each copy with new ids) to SIZE MB of JSONL, run through
# configs/bench-substring.yaml by bench/throughput.sh (time, CPU seconds, peak memory, per-pass seconds on stderr).
#   bench/substring-dedup.sh SIZE_MB...        e.g. bench/substring-dedup.sh 100 1000
# Inputs are written under /tmp (never into the repository). Every copy after the first repeats the first, so all but
# the first copy's text is cut: the worst case for the merge (every window repeated) and for the decision pass.
set -euo pipefail
cd "$(dirname "$0")/.."
for size in "$@"; do
  input=/tmp/dataprep-bench-kowiki-${size}mb.jsonl
  if [ ! -s "$input" ]; then
    python3 - "$input" "$size" <<'PY'
import gzip, json, os, sys
path, target = sys.argv[1], int(sys.argv[2]) * 1_000_000
lines = gzip.open("../shared/corpora/ko-wiki.jsonl.gz", "rt", encoding="utf-8").read().splitlines()
written, copy = 0, 0
with open(path + ".tmp", "w", encoding="utf-8") as out:
    while written < target:
        for line in lines:
            record = json.loads(line)
            record["id"] = f"{record.get('id')}-copy{copy}"
            text = json.dumps(record, ensure_ascii=False) + "\n"
            out.write(text)
            written += len(text.encode("utf-8"))
            if written >= target:
                break
        copy += 1
os.rename(path + ".tmp", path)
PY
  fi
  echo "== ${size} MB of ko-wiki JSONL ($(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg))"
  bench/throughput.sh configs/bench-substring.yaml "$input"
done
