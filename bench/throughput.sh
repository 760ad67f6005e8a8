#!/usr/bin/env bash
# End-to-end throughput of a recipe over the shared corpora (read in place), with peak memory.
#   bench/throughput.sh CONFIG [INPUT...]       default input: every ../shared/corpora/*.jsonl.gz
# Prints one Markdown table row: config, input MB (UTF-8 text), docs, seconds, MB/s, MB/s per core, docs/s, peak RSS
# (and the peak of its anonymous part: heap and buffers, without memory-mapped work files).
set -euo pipefail
cd "$(dirname "$0")/.."
config=${1:?usage: bench/throughput.sh CONFIG [INPUT...]}
shift || true
inputs=("$@")
if [ ${#inputs[@]} -eq 0 ]; then
  inputs=(../shared/corpora/*.jsonl.gz)
fi
dotnet build -c Release src/DataPrep.Cli -v quiet -nologo >/dev/null
out=$(mktemp -d /tmp/dataprep-bench.XXXXXX)
cores=$(nproc)
/usr/bin/time -f "%e %M" -o "$out/time" dotnet src/DataPrep.Cli/bin/Release/net10.0/DataPrep.Cli.dll run "$config" \
  --input "${inputs[@]}" --output "$out/run" --log-level Warning >/dev/null &
timer=$!
# Peak RSS counts the pages of memory-mapped work files (MinHash signatures), which the kernel can drop at any time;
# the anonymous part (heap, buffers) is what the memory budget bounds, so sample it too.
anon_kb=0
while kill -0 "$timer" 2>/dev/null; do
  child=$(pgrep -P "$timer" | head -1 || true)
  if [ -n "$child" ]; then
    kb=$(awk '/^RssAnon:/ {print $2}' "/proc/$child/status" 2>/dev/null || echo 0)
    if [ -n "$kb" ] && [ "$kb" -gt "$anon_kb" ]; then anon_kb=$kb; fi
  fi
  sleep 0.2
done
wait "$timer"
read -r seconds peak_kb < "$out/time"
python3 - "$out/run/stats.json" "$seconds" "$peak_kb" "$cores" "$config" "$anon_kb" <<'PY'
import json, sys
stats = json.load(open(sys.argv[1])); seconds = float(sys.argv[2]); peak = int(sys.argv[3]) / 1024; cores = int(sys.argv[4])
anon = int(sys.argv[6]) / 1024
inp = next(s for s in stats["stages"] if s["id"] == "input" and "pass" not in s)
mb = inp["counters"].get("bytes.in", 0) / 1e6; docs = stats["documents"]["read"]
print(f"| {sys.argv[5]} | {mb:.1f} | {docs:,} | {seconds:.1f} | {mb/seconds:.1f} | {mb/seconds/cores:.1f} | {docs/seconds:,.0f} | {peak:.0f} MiB ({anon:.0f} MiB anonymous) | kept {stats['documents']['kept']:,} |")
PY
rm -rf "$out"
