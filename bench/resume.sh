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

python3 - "$out/full" "$out/resumed" <<'PY'
import glob, gzip, json, os, sys
a, b = sys.argv[1], sys.argv[2]
def files(root, pattern):
    return sorted(os.path.relpath(p, root) for p in glob.glob(os.path.join(root, pattern)))
def strip(node):
    if isinstance(node, dict):
        return {k: strip(v) for k, v in node.items() if k not in ("wall_seconds", "seconds")}
    if isinstance(node, list):
        return [strip(v) for v in node]
    return node
same = True
for pattern in ("rank-*", "rejected/*.jsonl.gz"):
    fa, fb = files(a, pattern), files(b, pattern)
    same &= fa == fb and all(gzip.open(os.path.join(a, f)).read() == gzip.open(os.path.join(b, f)).read() for f in fa)
same &= strip(json.load(open(os.path.join(a, "stats.json")))) == strip(json.load(open(os.path.join(b, "stats.json"))))
left = glob.glob(os.path.join(b, "**", ".*.tmp"), recursive=True)
print(f"resumed output equals the uninterrupted run: {'yes' if same else 'NO'}; hidden temporaries left: {len(left)}")
PY
rm -rf "$out"
