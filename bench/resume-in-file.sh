#!/usr/bin/env bash
# Resume inside one large input file (issue 13, item 5): what checkpoints cost in an uninterrupted run, and what a run
# killed (SIGKILL) at about 25, 50 and 75 % of the file, and resumed each time, costs against one uninterrupted run.
#   bench/resume-in-file.sh [SIZE_MB]        default 1024: one plain JSONL file of about that size
#   CHECKPOINT_MB=64 (execution.checkpointMegabytes of the checkpointed runs); GZIP=1 to make the input .jsonl.gz
#   APP=path/to/DataPrep.Cli.dll (default: this checkout's Release build)
# The input is Korean and English Wikipedia from ../shared/corpora repeated, ids made unique with the copy number. The
# recipe is per-document (Normalize, script, Gopher, C4, PII), the kind of part that checkpoints. Kills use the runner's
# test-only pause hook (src/DataPrep/Execution/FaultInjection.cs) after the reader handed over the batch at the target
# position (batches are 1 MiB of input here), so they land mid-way between checkpoints, not on them.
# Prints Markdown rows (wall s, CPU s = user+sys, documents read), then whether the resumed output equals the
# uninterrupted run: kept parts and rejects byte for byte, stats without timings; and the run with checkpoints off:
# kept parts byte for byte, rejects decompressed (checkpoints end a gzip member of the rejects file).
set -euo pipefail
cd "$(dirname "$0")/.."
size_mb=${1:-1024}
checkpoint_mb=${CHECKPOINT_MB:-64}
app=${APP:-}
if [ -z "$app" ]; then
  dotnet build -c Release src/DataPrep.Cli -v quiet -nologo >/dev/null
  app=src/DataPrep.Cli/bin/Release/net10.0/DataPrep.Cli.dll
fi
app=$(realpath "$app")
work=$(mktemp -d /tmp/dataprep-resume-in-file.XXXXXX)
trap 'rm -rf "$work"' EXIT

input="$work/in.jsonl"
# Also writes where the reader's batches end (512 records or 1 MiB of lines, the defaults), to aim the kills.
python3 - "$input" "$size_mb" ../shared/corpora/ko-wiki.jsonl.gz ../shared/corpora/en-wiki.jsonl.gz <<'PY'
import gzip, json, sys
target, size = sys.argv[1], int(sys.argv[2]) << 20
ends, batch_records, batch_bytes = [], 0, 0
lines = []
for path in sys.argv[3:]:
    with gzip.open(path, "rt", encoding="utf-8") as f:
        lines.extend(json.loads(l) for l in f if l.strip())
written, copy = 0, 0
with open(target, "w", encoding="utf-8") as out:
    while written < size:
        for record in lines:
            record = dict(record, id=f"{record.get('id', '')}-c{copy}")
            line = json.dumps(record, ensure_ascii=False) + "\n"
            out.write(line)
            length = len(line.encode("utf-8"))
            written += length
            batch_records, batch_bytes = batch_records + 1, batch_bytes + length - 1
            if batch_records == 512 or batch_bytes >= 1 << 20:
                ends.append(written)
                batch_records, batch_bytes = 0, 0
            if written >= size:
                break
        copy += 1
with open(target + ".batches", "w") as f:
    f.write("\n".join(str(e) for e in ends) + "\n")
PY
batch_ends="$input.batches"
input_bytes=$(stat -c %s "$input")
if [ "${GZIP:-0}" = 1 ]; then
  gzip -1 "$input"
  input="$input.gz"
fi
input_mb=$(( input_bytes >> 20 ))

config() { # config FILE CHECKPOINT_MB
  cat > "$1" <<YAML
stages:
  - Normalize
  - ScriptQuality
  - GopherRepetition
  - GopherQuality
  - C4Quality: { filterNoTerminalPunctuation: false }
  - PiiScrub
output: { format: jsonl, compression: gzip }
execution: { checkpointMegabytes: $2 }
YAML
}
config "$work/on.yaml" "$checkpoint_mb"
config "$work/off.yaml" 0

TIMEFORMAT='%R %U %S'
row() { # row NAME TIMES OUTPUT
  python3 - "$@" <<'PY'
import json, os, sys
name, times, output = sys.argv[1], sys.argv[2], sys.argv[3]
wall, user, system = (float(x) for x in open(times).read().split()[-3:])
stats = os.path.join(output, "stats.json")
read = f"{json.load(open(stats))['documents']['read']:,}" if os.path.exists(stats) else "-"
print(f"| {name} | {wall:.1f} | {user + system:.1f} | {read} |")
PY
}
run() { # run NAME CONFIG OUTPUT [PAUSE_AT]: one run, killed with SIGKILL where it pauses when PAUSE_AT is given
  local name=$1 cfg=$2 output=$3 at=${4:-}
  rm -f "$work/paused"
  if [ -z "$at" ]; then
    { time dotnet "$app" run "$cfg" --input "$input" --output "$output" --log-level Warning >/dev/null 2>&1; } 2> "$work/times"
  else
    ( while [ ! -f "$work/paused" ]; do sleep 0.05; done
      kill -KILL "$(pgrep -f -n -- "--output $output")" ) &
    local killer=$!
    { time DATAPREP_TEST_PAUSE_AT=$at DATAPREP_TEST_PAUSE_FILE="$work/paused" \
        dotnet "$app" run "$cfg" --input "$input" --output "$output" --log-level Warning >/dev/null 2>&1 || true; } 2> "$work/times"
    wait "$killer" || true
  fi
  row "$name" "$work/times" "$output"
  tail -n 1 "$work/times" >> "$work/sequence-times"
}
# Where a rerun resumes (MiB into the file), from the part's checkpoint.
resumes_at() {
  python3 -c "import json,sys,os; p=sys.argv[1]; print(json.load(open(p))['input']['byte'] >> 20 if os.path.exists(p) else 0)" \
    "$1/.resume/p0-rank-00000.checkpoint.json"
}
# How many batches a rerun resuming from OUTPUT's checkpoint hands over before it reaches PERCENT of the file.
batches_to() { # batches_to OUTPUT PERCENT
  python3 - "$1/.resume/p0-rank-00000.checkpoint.json" "$batch_ends" "$2" "$input_bytes" <<'PY'
import bisect, json, os, sys
checkpoint, ends_file, percent, size = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
ends = [int(l) for l in open(ends_file) if l.strip()]
start = json.load(open(checkpoint))["input"]["byte"] if os.path.exists(checkpoint) else 0
first = bisect.bisect_right(ends, start)           # batches before the resume point
target = bisect.bisect_left(ends, size * percent // 100) + 1
print(max(1, target - first))
PY
}

echo "input: $(basename "$input"), $input_mb MiB of JSONL; checkpoints every $checkpoint_mb MiB; load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| run | wall s | CPU s | read |"
echo "| --- | ---: | ---: | ---: |"
run "uninterrupted, checkpoints off (0)" "$work/off.yaml" "$work/off"
run "uninterrupted, checkpoints every $checkpoint_mb MiB" "$work/on.yaml" "$work/on"
rm -f "$work/sequence-times"
for percent in 25 50 75; do
  from=$(resumes_at "$work/killed")
  batches=$(batches_to "$work/killed" "$percent")
  run "killed at ${percent}% (resumed from ${from} MiB, killed after $batches more batches)" "$work/on.yaml" "$work/killed" "0:batch-$batches"
done
run "final rerun (resumed from $(resumes_at "$work/killed") MiB)" "$work/on.yaml" "$work/killed"
python3 - "$work/sequence-times" <<'PY'
import sys
rows = [[float(x) for x in l.split()] for l in open(sys.argv[1]) if l.strip()]
print(f"| killed 3 times + resumed, total | {sum(r[0] for r in rows):.1f} | {sum(r[1] + r[2] for r in rows):.1f} | |")
PY
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

python3 bench/compare_runs.py "$work/on" "$work/killed" --nonempty --left '.*' --left-name "hidden files" \
  --what "killed and resumed = uninterrupted (kept and rejects byte for byte, stats without timings)"
python3 bench/compare_runs.py "$work/off" "$work/on" --nonempty --rejects decompressed \
  --what "checkpoints on = off (kept byte for byte, rejects decompressed, stats without timings)"
