#!/usr/bin/env bash
# Runs the native (AOT) dataprep binary and the JIT build side by side and fails on any difference in what they write.
#   tools/aot-compare.sh NATIVE_BINARY [JIT_DLL]
#     NATIVE_BINARY  e.g. artifacts/native/DataPrep.Cli (dotnet publish src/DataPrep.Cli -c Release -r linux-x64 -p:PublishAot=true)
#     JIT_DLL        default src/DataPrep.Cli/bin/Release/net10.0/DataPrep.Cli.dll (dotnet build -c Release)
# For every recipe in configs/ it runs both builds on sample-data/ and on a slice of the shared corpora (Korean and
# English Wikipedia, web text, reviews), plus Parquet in and out, and compares every file of the two output folders:
# gzip files decompressed, stats without timings, Megatron .bin/.idx and Parquet byte for byte. It also compares the
# output of validate, stages, schema and tokens, and checks that the native binary refuses a config with plugins
# (exit 2, with a message) instead of crashing. Prints one line per case; exits 1 on the first difference.
# With REFERENCE=1 the first argument is any other build (e.g. a wrapper running main's DLL) and the native-only plugin
# check is skipped: the same script then proves a refactor or an optimisation leaves every output byte unchanged.
set -euo pipefail
cd "$(dirname "$0")/.."
native=$(realpath "${1:?usage: tools/aot-compare.sh NATIVE_BINARY [JIT_DLL]}")
jit=$(realpath "${2:-src/DataPrep.Cli/bin/Release/net10.0/DataPrep.Cli.dll}")
work=$(mktemp -d /tmp/dataprep-aot-compare.XXXXXX)
trap 'rm -rf "$work"' EXIT
corpora=../shared/corpora

# A small, varied slice of the real corpora: 600 documents from each of four files, gzip as the originals.
mkdir -p "$work/slice"
for name in ko-wiki en-wiki en-web-cc ko-nsmc-reviews; do
  if [ -f "$corpora/$name.jsonl.gz" ]; then
    (zcat "$corpora/$name.jsonl.gz" || true) | head -n 600 | gzip -1 > "$work/slice/$name.jsonl.gz"
  fi
done

# stats files without what depends on the clock (seconds, wall time, rates).
normalise_json() {
  python3 - "$1" <<'PY'
import json, sys
def strip(v):
    if isinstance(v, dict):
        return {k: strip(x) for k, x in v.items() if not any(t in k for t in ("seconds", "per_s", "per_second", "elapsed"))}
    if isinstance(v, list):
        return [strip(x) for x in v]
    return v
print(json.dumps(strip(json.load(open(sys.argv[1], encoding="utf-8"))), sort_keys=True, ensure_ascii=False, indent=1))
PY
}

# A 0-byte .gz (a phase without rejections, see issue 13) holds no text, like an empty gzip stream.
unzipped() { if [ -s "$1" ]; then zcat "$1"; fi; }

compare_trees() { # compare_trees JIT_DIR NATIVE_DIR
  local a=$1 b=$2 rel
  diff <(cd "$a" && find . -type f ! -name 'report.html' | sort) <(cd "$b" && find . -type f ! -name 'report.html' | sort) \
    || { echo "different file lists: $a $b"; return 1; }
  while read -r rel; do
    case "$rel" in
      *.gz) cmp -s <(unzipped "$a/$rel") <(unzipped "$b/$rel") || { echo "differs (decompressed): $rel"; return 1; } ;;
      *.zst) cmp -s <(zstd -dc "$a/$rel") <(zstd -dc "$b/$rel") || { echo "differs (decompressed): $rel"; return 1; } ;;
      *.json|./done/*) cmp -s <(normalise_json "$a/$rel") <(normalise_json "$b/$rel") || { echo "differs (without timings): $rel";
                diff <(normalise_json "$a/$rel") <(normalise_json "$b/$rel") | head -20; return 1; } ;;
      *) cmp -s "$a/$rel" "$b/$rel" || { echo "differs: $rel"; return 1; } ;;
    esac
  done < <(cd "$a" && find . -type f ! -name 'report.html' | sort)
}

cases=0
run_case() { # run_case NAME CONFIG [run options...]
  local name=$1 config=$2; shift 2
  local status_jit=0 status_native=0
  dotnet "$jit" run "$config" "$@" --output "$work/jit/$name" --log-level Warning > "$work/$name.jit.out" 2>&1 || status_jit=$?
  "$native" run "$config" "$@" --output "$work/native/$name" --log-level Warning > "$work/$name.native.out" 2>&1 || status_native=$?
  if [ "$status_jit" -ne "$status_native" ]; then
    echo "FAIL $name: exit $status_jit (JIT) vs $status_native (native)"; tail -5 "$work/$name.native.out"; exit 1
  fi
  [ "$status_jit" -eq 0 ] || { echo "FAIL $name: both builds exit $status_jit"; tail -5 "$work/$name.jit.out"; exit 1; }
  compare_trees "$work/jit/$name" "$work/native/$name" || { echo "FAIL $name"; exit 1; }
  local docs
  docs=$(python3 -c "import json,sys; d=json.load(open(sys.argv[1]))['documents']; print(f\"{d['read']} read, {d['kept']} kept, {d['rejected']} rejected\")" "$work/jit/$name/stats.json")
  echo "same  $name ($docs)"
  cases=$((cases + 1))
}

# Pipeline recipes (mix.yaml is the config of `dataprep mix`, compared below).
recipes=$(ls configs/*.yaml configs/*.json | grep -v '/mix\.yaml$')
for config in $recipes; do
  recipe=$(basename "${config%.*}")
  run_case "$recipe-sample" "$config" --input 'sample-data/*.jsonl'
  run_case "$recipe-corpus" "$config" --input "$work/slice/*.jsonl.gz"
done

# Parquet in and out.
sed 's#"output": { "path": "out/minimal" }#"output": { "path": "out/minimal", "format": "parquet" }#' configs/minimal.json > "$work/parquet.json"
grep -q parquet "$work/parquet.json"
run_case "parquet-in-out" "$work/parquet.json" --input sample-data/docs.parquet "$work/slice/ko-wiki.jsonl.gz"

compare_stdout() { # compare_stdout NAME ARGS...
  local name=$1; shift
  local status_jit=0 status_native=0
  dotnet "$jit" "$@" > "$work/$name.jit.txt" 2>&1 || status_jit=$?
  "$native" "$@" > "$work/$name.native.txt" 2>&1 || status_native=$?
  [ "$status_jit" -eq "$status_native" ] || { echo "FAIL $name: exit $status_jit (JIT) vs $status_native (native)"; exit 1; }
  diff "$work/$name.jit.txt" "$work/$name.native.txt" > "$work/$name.diff" || { echo "FAIL $name: output differs"; head -20 "$work/$name.diff"; exit 1; }
  echo "same  $name (exit $status_jit)"
  cases=$((cases + 1))
}
for config in $recipes; do
  compare_stdout "validate-$(basename "$config")" validate "$config"
done

# A token-share mix (dataprep mix) over the slice: the plan printed, then every file the mix writes.
cat > "$work/mix.yaml" <<YAML
mix:
  tokenizer: o200k_base
  tokenBudget: 400000
  seed: 7
  targets: { ko: 0.30, en: 0.70 }
  allowShortfall: true
  megatron: true
  sources:
    - { name: ko-wiki, path: $work/slice/ko-wiki.jsonl.gz }
    - { name: ko-reviews, path: $work/slice/ko-nsmc-reviews.jsonl.gz }
    - { name: en-wiki, path: $work/slice/en-wiki.jsonl.gz }
    - { name: en-web, path: $work/slice/en-web-cc.jsonl.gz }
output: { path: $work/mix-out, format: jsonl, compression: gzip }
YAML
# The plan (--json on stdout; the logs on stderr carry the time), each build measuring afresh into its own folder.
dotnet "$jit" mix plan "$work/mix.yaml" --output "$work/jit/mix-plan" --json > "$work/mix-plan.jit.json" 2> "$work/mix-plan.jit.err" \
  || { echo "FAIL mix plan: JIT build"; tail -5 "$work/mix-plan.jit.err"; exit 1; }
"$native" mix plan "$work/mix.yaml" --output "$work/native/mix-plan" --json > "$work/mix-plan.native.json" 2> "$work/mix-plan.native.err" \
  || { echo "FAIL mix plan: native binary"; tail -5 "$work/mix-plan.native.err"; exit 1; }
cmp -s <(normalise_json "$work/mix-plan.jit.json") <(normalise_json "$work/mix-plan.native.json") \
  || { echo "FAIL mix plan: plans differ"; diff <(normalise_json "$work/mix-plan.jit.json") <(normalise_json "$work/mix-plan.native.json") | head; exit 1; }
echo "same  mix plan"
cases=$((cases + 1))
dotnet "$jit" mix run "$work/mix.yaml" --output "$work/jit/mix" > "$work/mix.jit.out" 2>&1 || { echo "FAIL mix: JIT build"; tail -5 "$work/mix.jit.out"; exit 1; }
"$native" mix run "$work/mix.yaml" --output "$work/native/mix" > "$work/mix.native.out" 2>&1 || { echo "FAIL mix: native binary"; tail -5 "$work/mix.native.out"; exit 1; }
compare_trees "$work/jit/mix" "$work/native/mix" || { echo "FAIL mix"; exit 1; }
echo "same  mix (plan and written mix, Megatron .bin/.idx included)"
cases=$((cases + 1))
compare_stdout stages stages
compare_stdout stages-markdown stages --markdown
compare_stdout schema schema
printf 'stages:\n  - Normalize\n  - GopherQuality: { english: { minWord: 10 } }\n' > "$work/nested-typo.yaml"
compare_stdout validate-nested-typo validate "$work/nested-typo.yaml"
tokenizers=(-t o200k_base -t cl100k_base -t r50k_base)
for t in llama2-sentencepiece/tokenizer.model llama3 qwen3 mistral7b; do
  [ -e "../shared/tokenizers/$t" ] && tokenizers+=(-t "../shared/tokenizers/$t")
done
dotnet "$jit" tokens "${tokenizers[@]}" --json "$work/slice/ko-wiki.jsonl.gz" "$work/slice/en-wiki.jsonl.gz" > "$work/tokens.jit.json"
"$native" tokens "${tokenizers[@]}" --json "$work/slice/ko-wiki.jsonl.gz" "$work/slice/en-wiki.jsonl.gz" > "$work/tokens.native.json"
cmp -s <(normalise_json "$work/tokens.jit.json") <(normalise_json "$work/tokens.native.json") \
  || { echo "FAIL tokens: reports differ"; diff <(normalise_json "$work/tokens.jit.json") <(normalise_json "$work/tokens.native.json") | head; exit 1; }
echo "same  tokens ($(( ${#tokenizers[@]} / 2 )) tokenizers: tiktoken, SentencePiece, byte-level BPE, Hugging Face Rust library)"
cases=$((cases + 1))

if [ "${REFERENCE:-0}" = 1 ]; then
  echo "compare: $cases cases, reference and this build write identical outputs"
  exit 0
fi
# Plugins cannot load into a native binary: a clear config error (exit 2), never a crash.
printf 'input: { path: sample-data/docs.jsonl }\nstages: [ Normalize ]\noutput: { path: %s }\nplugins: [ DataPrep.TestStages ]\n' "$work/plugin-out" > "$work/plugin.yaml"
status=0
"$native" validate "$work/plugin.yaml" > "$work/plugin.out" 2>&1 || status=$?
[ "$status" -eq 2 ] && grep -q "native (AOT) dataprep binary, which cannot load assemblies" "$work/plugin.out" \
  || { echo "FAIL plugins: native binary exit $status"; cat "$work/plugin.out"; exit 1; }
echo "same  plugins refused by the native binary (exit 2, message names plugins[0])"
echo "aot-compare: $cases cases, native and JIT outputs identical"
