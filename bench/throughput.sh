#!/usr/bin/env bash
# End-to-end throughput of a recipe over the shared corpora (read in place), with peak memory.
#   bench/throughput.sh CONFIG [INPUT...]       default input: every ../shared/corpora/*.jsonl.gz
# Prints one Markdown table row: config, input MB (UTF-8 text), docs, seconds, MB/s, MB/s per core, docs/s, peak RSS
# (and the peak of its anonymous part: heap and buffers, without memory-mapped work files), the CPU seconds used (and MB of
# text per CPU second), and the share of the machine's time the hypervisor gave to other guests during the run; then, on
# stderr, each stage's documents/s and MB/s per thread-second of its own work.
# Seconds are the whole process, start-up included.
set -euo pipefail
cd "$(dirname "$0")/.."
config=${1:?usage: bench/throughput.sh CONFIG [INPUT...]}
shift || true
inputs=("$@")
if [ ${#inputs[@]} -eq 0 ]; then
  inputs=(../shared/corpora/*.jsonl.gz)
fi
# The same build `dotnet tool install` gives on linux-x64: ReadyToRun. BENCH_APP=jit measures the plain `dotnet build`
# output instead (what `dotnet run` runs), to see what precompilation changes.
# BENCH_APP=/some/dir runs an already published build (DataPrep.Cli.dll in that folder), e.g. the base commit's, for
# before/after runs on the same minutes.
if [ -d "${BENCH_APP:-}" ]; then
  app=$BENCH_APP/DataPrep.Cli.dll
elif [ "${BENCH_APP:-r2r}" = jit ]; then
  dotnet build -c Release src/DataPrep.Cli -v quiet -nologo >/dev/null
  app=src/DataPrep.Cli/bin/Release/net10.0/DataPrep.Cli.dll
else
  dotnet publish src/DataPrep.Cli -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
    -o artifacts/bench-app -v quiet -nologo >/dev/null
  app=artifacts/bench-app/DataPrep.Cli.dll
fi
out=$(mktemp -d /tmp/dataprep-bench.XXXXXX)
cores=$(nproc)
# On a virtual machine the host may run other guests on our cores ("steal" in /proc/stat): wall time then grows while
# CPU seconds do not. The share of steal during the run is printed so figures from different moments can be compared.
read -r _ s_user s_nice s_sys s_idle s_wait s_irq s_soft s_steal _ < /proc/stat
/usr/bin/time -f "%e %M %U %S" -o "$out/time" dotnet "$app" run "$config" \
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
read -r _ e_user e_nice e_sys e_idle e_wait e_irq e_soft e_steal _ < /proc/stat
total=$(( (e_user + e_nice + e_sys + e_idle + e_wait + e_irq + e_soft + e_steal) - (s_user + s_nice + s_sys + s_idle + s_wait + s_irq + s_soft + s_steal) ))
steal_pct=$(( total > 0 ? 100 * (e_steal - s_steal) / total : 0 ))
read -r seconds peak_kb user_s sys_s < "$out/time"
python3 - "$out/run/stats.json" "$seconds" "$peak_kb" "$cores" "$config" "$anon_kb" "$user_s" "$sys_s" "$steal_pct" <<'PY'
import json, sys
stats = json.load(open(sys.argv[1])); seconds = float(sys.argv[2]); peak = int(sys.argv[3]) / 1024; cores = int(sys.argv[4])
anon = int(sys.argv[6]) / 1024; cpu = float(sys.argv[7]) + float(sys.argv[8])
inp = next(s for s in stats["stages"] if s["id"] == "input" and "pass" not in s)
mb = inp["counters"].get("bytes.in", 0) / 1e6; docs = stats["documents"]["read"]
print(f"| {sys.argv[5]} | {mb:.1f} | {docs:,} | {seconds:.1f} | {mb/seconds:.1f} | {mb/seconds/cores:.1f} | {docs/seconds:,.0f} | {peak:.0f} MiB ({anon:.0f} MiB anonymous) | kept {stats['documents']['kept']:,} | {cpu:.1f} CPU-s, {mb/cpu:.0f} MB/CPU-s | steal {sys.argv[9]}% |")
# Per stage (to stderr, so the row above stays one line to paste): the time a stage spent on its documents, summed over
# threads, so MB/s here is per thread-second of that stage alone; input and output are timed as part of the run.
for st in stats["stages"]:
    c = st.get("counters", {}); sec = st.get("seconds", 0.0)
    if st["id"] in ("input", "output") or sec <= 0:
        continue
    name = st["id"] + (f" ({st['pass']})" if st.get("pass") else "")
    smb = c.get("bytes.in", 0) / 1e6; sdocs = c.get("docs.in", 0)
    print(f"    stage {name}: {sdocs:,} docs, {smb:.1f} MB in {sec:.2f} thread-s = {smb/sec:.0f} MB/s, {sdocs/sec:,.0f} docs/s per thread", file=sys.stderr)
PY
rm -rf "$out"
