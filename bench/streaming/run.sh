#!/usr/bin/env bash
# One simulated platform from simulate to report, timed with /usr/bin/time -v, then digest.sh over the results.
# usage: [MODE=fast|cascade|encoder] [RUNS=N] run.sh VIGIL_DLL WORK_DIR ACCOUNTS DAYS [SEED]
#   VIGIL_DLL  a built Vigil.Cli.dll (dotnet build src/Vigil.Cli -c Release)
#   WORK_DIR   where the platform (sim/), the database (vigil.db), the report (report/) and the timings (*.time) go;
#              an existing sim/ with the same options is reused, the database is always made anew
#   RUNS       times to run ingest, analyze and report, each on a new database (default 1): with more than one, each
#              step's median wall time and the slowest follow (total: ingest to report), since one run on a shared
#              machine says little
# Prints each command's wall time and peak RSS, then the digest (bench/streaming/README.md).
set -euo pipefail
dll=$1; work=$2; accounts=$3; days=$4; seed=${5:-1}; mode=${MODE:-fast}; runs=${RUNS:-1}
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$work"
vigil() { # step name, then arguments
  local step=$1; shift
  /usr/bin/time -v -o "$work/$step.time" dotnet "$dll" "$@" > "$work/$step.log" 2>&1 || { cat "$work/$step.log"; exit 1; }
  local wall; wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$work/$step.time")
  echo "$step $(seconds "$wall")" >> "$work/walls"
  printf '%-9s wall %8s  peak RSS %7.1f MB  CPU %6.1f s\n' "$step" "$wall" \
    "$(awk -F': ' '/Maximum resident/ {print $2/1024}' "$work/$step.time")" \
    "$(awk -F': ' '/User time/ {u=$2} /System time/ {s=$2} END {print u+s}' "$work/$step.time")"
}
seconds() { awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; printf "%.2f", s }' <<< "$1"; }
stamp="seed=$seed accounts=$accounts days=$days"
if [[ ! -f $work/sim/truth.json || "$(cat "$work/sim/options" 2>/dev/null)" != "$stamp" ]]; then
  rm -rf "$work/sim"
  vigil simulate simulate --seed "$seed" --accounts "$accounts" --days "$days" --out "$work/sim"
  echo "$stamp" > "$work/sim/options"
fi
rm -f "$work/walls"
for ((run = 1; run <= runs; run++)); do
  (( runs > 1 )) && echo "run $run of $runs"
  rm -f "$work/vigil.db" "$work/vigil.db-wal" "$work/vigil.db-shm"; rm -rf "$work/report"
  vigil ingest ingest --in "$work/sim/accounts.jsonl" "$work/sim/posts.jsonl" "$work/sim/interactions.jsonl" --db "$work/vigil.db"
  vigil analyze analyze --db "$work/vigil.db" --mode "$mode"
  model=$(sqlite3 "$work/vigil.db" "SELECT model_version FROM assessments LIMIT 1")
  vigil report report --db "$work/vigil.db" --model-version "$model" --out "$work/report" --oracle "$work/sim/truth.json"
  tail -3 "$work/walls" | awk '{ s += $2 } END { printf "total %.2f\n", s }' >> "$work/walls"
done
if (( runs > 1 )); then
  for step in ingest analyze report total; do
    awk -v step="$step" '$1 == step { print $2 }' "$work/walls" | sort -n | awk -v step="$step" \
      '{ w[NR] = $1 } END { m = NR % 2 ? w[(NR + 1) / 2] : (w[NR / 2] + w[NR / 2 + 1]) / 2; printf "%-9s median %7.1f s  slowest %7.1f s  of %d runs\n", step, m, w[NR], NR }'
  done
fi
grep -h '^analyze:\|posts,' "$work/analyze.log" "$work/report.log" || true
"$here/digest.sh" "$work/vigil.db" "$work/report"
