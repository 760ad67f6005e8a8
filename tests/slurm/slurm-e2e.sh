#!/usr/bin/env bash
# End-to-end test on a real one-node Slurm cluster (installed from Debian's packages):
#  1. a 4-task pipeline with MinHash dedup over sample-data, as dependent job arrays, equals a local run;
#  2. a task killed with SIGKILL mid-way leaves no output that looks complete; resubmitting runs only that
#     shard, and the final result equals the local run.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
cli=(dotnet "$root/src/DataPrep.Cli/bin/Release/net10.0/DataPrep.Cli.dll")
work=$(mktemp -d /tmp/dataprep-slurm.XXXXXX)
chmod 755 "$work"
trap 'rm -rf "$work"' EXIT

bash tests/slurm/start-cluster.sh

wait_for_jobs() {
  for _ in $(seq 1 240); do
    if [ -z "$(squeue -h -u root 2>/dev/null)" ]; then return 0; fi
    sleep 1
  done
  echo "jobs did not finish in time"; squeue; return 1
}

kept_ids() { # sorted ids of the kept documents in an output folder
  python3 - "$1" <<'PY'
import glob, gzip, json, sys
ids = sorted(json.loads(l)["id"] for f in glob.glob(sys.argv[1] + "/rank-*.jsonl.gz") for l in gzip.open(f, "rt", encoding="utf-8"))
print("\n".join(ids))
PY
}

summary() { python3 -c "import json,sys; s=json.load(open(sys.argv[1])); d=s['documents']; print(d['read'], d['kept'], d['rejected'], s['reconciled'])" "$1/stats.json"; }

echo "== local reference run (4 shards on this machine)"
"${cli[@]}" run tests/slurm/pipeline.yaml --world-size 4 --output "$work/local" --log-level Warning >/dev/null
kept_ids "$work/local" > "$work/local.ids"

echo "== slurm run: 4 tasks per phase"
"${cli[@]}" slurm submit tests/slurm/pipeline.yaml --tasks 4 --cpus-per-task 1 --output "$work/slurm"
wait_for_jobs
"${cli[@]}" slurm status "$work/slurm"
kept_ids "$work/slurm" > "$work/slurm.ids"
diff "$work/local.ids" "$work/slurm.ids"
[ "$(summary "$work/local")" = "$(summary "$work/slurm")" ] || { echo "stats differ: $(summary "$work/local") vs $(summary "$work/slurm")"; exit 1; }
echo "slurm kept set = local kept set ($(wc -l < "$work/slurm.ids") documents), stats equal: $(summary "$work/slurm")"

echo "== fault: SIGKILL one task mid-way, then resubmit"
big=(../shared/corpora/ko-wiki.jsonl.gz ../shared/corpora/en-wiki.jsonl.gz ../shared/corpora/ko-petitions.jsonl.gz ../shared/corpora/en-web-cc.jsonl.gz)
"${cli[@]}" run configs/bench-framework.yaml --input "${big[@]}" --world-size 4 --output "$work/local-big" --log-level Warning >/dev/null
"${cli[@]}" slurm submit configs/bench-framework.yaml --input "${big[@]}" --tasks 4 --cpus-per-task 1 --output "$work/big" >"$work/jobs.txt"
array=$(head -1 "$work/jobs.txt" | cut -f1)
# Files are sorted, so shard 3 reads ko-wiki, the largest. Wait until it is writing its output (a hidden
# temporary file exists), then kill it hard.
killed=no
for _ in $(seq 1 600); do
  if ls -a "$work/big" 2>/dev/null | grep -q '^\.rank-00003-00000\.jsonl\.gz\..*\.tmp$'; then
    scancel --signal=KILL "${array}_3" && killed=yes
    break
  fi
  sleep 0.05
done
[ "$killed" = yes ] || { echo "could not catch shard 3 while it was writing"; exit 1; }
wait_for_jobs
if "${cli[@]}" slurm status "$work/big"; then echo "expected the killed shard to be missing"; exit 1; fi
if ls "$work/big"/rank-00003-* >/dev/null 2>&1; then echo "the killed shard left output that looks complete"; ls -la "$work/big"; exit 1; fi
test ! -e "$work/big/done/p0-rank-00003"
echo "killed shard left no visible output and no marker"
"${cli[@]}" slurm submit configs/bench-framework.yaml --input "${big[@]}" --tasks 4 --cpus-per-task 1 --output "$work/big" | tee "$work/resubmit.txt"
grep -q "array 3$" "$work/resubmit.txt" || { echo "resubmission should run only shard 3"; exit 1; }
wait_for_jobs
"${cli[@]}" slurm status "$work/big"
kept_ids "$work/big" > "$work/big.ids"
kept_ids "$work/local-big" > "$work/local-big.ids"
diff -q "$work/local-big.ids" "$work/big.ids"
[ "$(summary "$work/local-big")" = "$(summary "$work/big")" ]
echo "after resubmission: identical to the local run ($(wc -l < "$work/big.ids") documents)"
echo "slurm e2e: 2 passed, 0 failed"
