#!/usr/bin/env bash
# Memory of a mix over sources larger than the shared corpora: N copies (symlinks) of ko-wiki and of en-wiki as two
# sources (default N=16: 660 MB of Korean and 120 MB of English text), Korean 30% of 100 M o200k tokens, English
# upsampled within 4 epochs. Peak RSS must stay flat as N grows: nothing is kept per document.
#   bench/mix_scale.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-16}
data=$(mktemp -d /tmp/dataprep-mix-scale.XXXXXX)
mkdir -p "$data/ko" "$data/en"
for i in $(seq -w 1 "$n"); do
  ln -s "$PWD/../shared/corpora/ko-wiki.jsonl.gz" "$data/ko/ko-wiki-$i.jsonl.gz"
  ln -s "$PWD/../shared/corpora/en-wiki.jsonl.gz" "$data/en/en-wiki-$i.jsonl.gz"
done
cat > "$data/mix.yaml" <<YAML
mix:
  tokenizer: o200k_base
  tokenBudget: 100_000_000
  seed: 14
  targets: { ko: 0.30, en: 0.70 }
  maxEpochs: 4
  megatron: false
  sources:
    - { name: ko-wiki, path: "$data/ko/*.jsonl.gz" }
    - { name: en-wiki, path: "$data/en/*.jsonl.gz" }
output: { path: $data/out, format: jsonl, compression: gzip }
YAML
bench/mix_throughput.sh "$data/mix.yaml"
