#!/usr/bin/env bash
# What resuming costs and saves: a recipe run uninterrupted, then the same run killed (SIGKILL) at an exact point and
# rerun into the same folder. Uses the runner's test-only pause hook (src/DataPrep/Execution/FaultInjection.cs), so the
# kill lands at the same place every time instead of after a guessed number of seconds.
#   bench/resume.sh CONFIG [INPUT...]        default input: ../shared/corpora/ko-wiki.jsonl.gz
#   KILL_AT=PHASE:POINT (default 2:batch-30: about half-way through default.yaml's second map phase)
#   APP=path/to/DataPrep.Cli.dll (default: this checkout's Release build) to measure another build
# Prints Markdown rows: run, wall s, CPU s (user+sys), peak RSS MiB, documents read, kept; then whether the resumed
# output (decompressed kept and rejected files, stats without timings) equals the uninterrupted one.
set -euo pipefail
cd "$(dirname "$0")/.."
config=${1:?usage: bench/resume.sh CONFIG [INPUT...]}
shift || true
inputs=("$@")
if [ ${#inputs[@]} -eq 0 ]; then
  inputs=(../shared/corpora/ko-wiki.jsonl.gz)
fi
kill_at=${KILL_AT:-2:batch-30}
app=${APP:-}
if [ -z "$app" ]; then
  dotnet build -c Release src/DataPrep.Cli -v quiet -nologo >/dev/null
  app=src/DataPrep.Cli/bin/Release/net10.0/DataPrep.Cli.dll
fi
out=$(mktemp -d /tmp/dataprep-resume.XXXXXX)

row() { # name, time file, output folder
  read -r seconds peak_kb user_s sys_s < <(tail -n 1 "$2")   # after "Command terminated by signal 9" when killed
  python3 - "$1" "$seconds" "$peak_kb" "$user_s" "$sys_s" "$3/stats.json" <<'PY'
import json, os, sys
name, seconds, peak, user, system, stats = sys.argv[1], float(sys.argv[2]), int(sys.argv[3]) / 1024, float(sys.argv[4]), float(sys.argv[5]), sys.argv[6]
docs = kept = "-"
if os.path.exists(stats):
    s = json.load(open(stats)); docs = f"{s['documents']['read']:,}"; kept = f"{s['documents']['kept']:,}"
print(f"| {name} | {seconds:.1f} | {user + system:.1f} | {peak:.0f} | {docs} | {kept} |")
PY
}

echo "| run | wall s | CPU s | peak RSS MiB | read | kept |"
echo "| --- | ---: | ---: | ---: | ---: | ---: |"
/usr/bin/time -f "%e %M %U %S" -o "$out/t-full" dotnet "$app" run "$config" --input "${inputs[@]}" --output "$out/full" --log-level Warning >/dev/null
row "uninterrupted" "$out/t-full" "$out/full"

DATAPREP_TEST_PAUSE_AT=$kill_at DATAPREP_TEST_PAUSE_FILE="$out/paused" /usr/bin/time -f "%e %M %U %S" -o "$out/t-killed" \
  dotnet "$app" run "$config" --input "${inputs[@]}" --output "$out/resumed" --log-level Warning >/dev/null 2>&1 &
runner=$!
while [ ! -f "$out/paused" ]; do
  if ! kill -0 "$runner" 2>/dev/null; then echo "the run ended before reaching $kill_at" >&2; exit 1; fi
  sleep 0.05
done
child=$(pgrep -P "$runner" | head -1)   # the dotnet process under /usr/bin/time
kill -KILL "$child"
wait "$runner" || true
row "killed at $kill_at (SIGKILL)" "$out/t-killed" "$out/resumed"
echo "leftover hidden temporaries after the kill: $(find "$out/resumed" -name '.*.tmp' | wc -l)" >&2
/usr/bin/time -f "%e %M %U %S" -o "$out/t-resume" dotnet "$app" run "$config" --input "${inputs[@]}" --output "$out/resumed" --log-level Warning >/dev/null
row "rerun (resume)" "$out/t-resume" "$out/resumed"

python3 bench/compare_runs.py "$out/full" "$out/resumed" --what "resumed output equals the uninterrupted run" \
  --kept decompressed --rejects decompressed --left '.*.tmp' --left-name "hidden temporaries"
rm -rf "$out"
