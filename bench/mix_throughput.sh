#!/usr/bin/env bash
# Throughput of `dataprep mix run` over a mix config (default configs/mix.yaml: every shared corpus, read in place).
#   bench/mix_throughput.sh [CONFIG] [MEGATRON]      MEGATRON=1 also writes the Megatron .bin/.idx
# Runs the mix twice into one fresh folder: cold (pass 1 tokenizes every source) and warm (pass 1 read from the
# work/mix cache, so only pass 2 runs). Prints one Markdown row per run: wall and CPU seconds, peak RSS, text MB read
# (pass 1 + pass 2 when cold, pass 2 when warm), MB/s and MB per CPU-second, tokens measured per second, tokens written,
# and the achieved share of each target. Seconds are the whole process, start-up included.
set -euo pipefail
cd "$(dirname "$0")/.."
config=${1:-configs/mix.yaml}
megatron=${2:-0}
dotnet build -c Release src/DataPrep.Cli -v quiet -nologo >/dev/null
app=src/DataPrep.Cli/bin/Release/net10.0/DataPrep.Cli.dll
out=$(mktemp -d /tmp/dataprep-mix-bench.XXXXXX)
if [ "$megatron" = 1 ]; then
  sed 's/^\(\s*\)megatron: false/\1megatron: true/' "$config" > "$out/config.yaml"
  config="$out/config.yaml"
fi
echo "| run | wall s | CPU s (user+sys) | peak RSS MiB | text MB read | MB/s | MB per CPU-s | tokens measured/s | tokens written | achieved share |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |"
for run in cold warm; do
  /usr/bin/time -f "%e %M %U %S" -o "$out/time" dotnet "$app" mix run "$config" --output "$out/mix" --log-level Warning >/dev/null
  read -r wall rss user sys < "$out/time"
  python3 - "$out/mix/mix.json" "$run" "$wall" "$rss" "$user" "$sys" <<'PY'
import json, sys
path, run, wall, rss, user, sys_ = sys.argv[1:]
wall, rss, cpu = float(wall), int(rss), float(user) + float(sys_)
mix = json.load(open(path))
text = sum(s["text_bytes_available"] for s in mix["sources"]) / 1e6
tokens = sum(s["tokens_available"] for s in mix["sources"])
read = text * (2 if run == "cold" else 1)
shares = ", ".join(f'{t["key"]} {t["achieved_share"]*100:.2f}% (target {t["target_share"]*100:.0f}%)' for t in mix["targets"])
measured = f"{tokens / wall:,.0f}" if run == "cold" else "cached"
print(f"| {run} | {wall:.1f} | {cpu:.1f} | {rss / 1024:.0f} | {read:.1f} | {read / wall:.1f} | {read / cpu:.1f} | {measured} | {mix['tokens_written']:,} | {shares} |")
PY
done
echo
echo "output: $out/mix (mix.json, report.html); load average: $(cut -d' ' -f1-3 /proc/loadavg); cores: $(nproc)"
