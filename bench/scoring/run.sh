#!/usr/bin/env bash
# Scoring benchmark: vigil score vs fastText vs scikit-learn, whole process against whole process, on one 1M-line file
# built at run time from ../shared/data (never committed). Usage: bench/scoring/run.sh [rows]   (default 1000000)
# Needs root for apt (fasttext, python3-sklearn) on first run. Prints a markdown table and writes it to $work/results.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
rows=${1:-1000000}
data=${VIGIL_DATA:-../shared/data}
work=${TMPDIR:-/tmp}/vigil-bench-scoring
py=/usr/bin/python3
[ -d "$data/isca-antisemitism-2023" ] || { echo "bench: no data at $data (needs ../shared/data); nothing to measure."; exit 2; }
for p in fasttext python3-sklearn; do
  dpkg -s "$p" >/dev/null 2>&1 || { export DEBIAN_FRONTEND=noninteractive; apt-get update -qq; apt-get install -y -qq --no-install-recommends "$p" >/dev/null; }
done
mkdir -p "$work"
$py bench/scoring/prepare.py "$data" "$work" "$rows"

dotnet build src/Vigil.Cli -c Release -nologo -v q >/dev/null
# Run a copy, so rebuilding the worktree while the benchmark runs cannot change what is measured.
rm -rf "$work/vigil-bin" && cp -r src/Vigil.Cli/bin/Release/net10.0 "$work/vigil-bin"
vigil="dotnet $work/vigil-bin/Vigil.Cli.dll"

# --- train the peers on the same ISCA training rows --------------------------------------------------------------
fasttext supervised -input "$work/ft_train.txt" -output "$work/ft" -minn 3 -maxn 5 -wordNgrams 2 -dim 50 \
  -epoch 25 -lr 0.5 -thread 2 -seed 1 -verbose 0
cut -d' ' -f2- "$work/ft_test.txt" > "$work/ft_test_text.txt"
fasttext predict "$work/ft.bin" "$work/ft_test_text.txt" > "$work/ft_test_pred.txt"
ft_f1=$($py bench/scoring/ft_f1.py "$work/ft_test.txt" "$work/ft_test_pred.txt")
sk_f1=$($py bench/scoring/sklearn_train.py "$work" | sed 's/.*: //')
vigil_f1=$($vigil eval --data "$data" --out "$work/eval.md" | awk -F'|' '/isca-2023 \| antisemitic \(test\)/ {gsub(/ /, "", $6); print $6}')

# --- time the three whole processes on the same file -------------------------------------------------------------
measure() { # name, command...
  local name=$1; shift
  /usr/bin/time -v "$@" 2> "$work/$name.time" > /dev/null || true
  local wall user sys rss
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$work/$name.time")
  user=$(awk -F': ' '/User time/ {print $2}' "$work/$name.time")
  sys=$(awk -F': ' '/System time/ {print $2}' "$work/$name.time")
  rss=$(awk -F': ' '/Maximum resident/ {print $2}' "$work/$name.time")
  echo "$name $wall $user $sys $rss"
}
{
  measure vigil $vigil score --in "$work/bench.csv" --out "$work/vigil_out.csv"
  measure fasttext sh -c "fasttext predict-prob '$work/ft.bin' '$work/bench.csv' 1 > '$work/ft_out.txt'"
  measure sklearn $py bench/scoring/sklearn_predict.py "$work/sklearn.pkl" "$work/bench.csv" "$work/sk_out.txt"
} > "$work/times.txt"

awk -v rows="$rows" -v vf="$vigil_f1" -v ff="$ft_f1" -v sf="$sk_f1" -v cores="$(nproc)" '
  { name[NR]=$1; wall[NR]=$2; cpu[NR]=$3+$4; rss[NR]=$5; if ($1=="fasttext") ftrate=rows/$2 }
  END {
    f1["vigil"]=vf; f1["fasttext"]=ff; f1["sklearn"]=sf
    printf "| tool | rows | wall s | rows/s | rows/s per CPU-second | peak RSS MB | macro-F1 ISCA test | × fastText |\n"
    printf "|---|---:|---:|---:|---:|---:|---:|---:|\n"
    for (i=1;i<=NR;i++) printf "| %s | %d | %.1f | %.0f | %.0f | %.0f | %s | %.1f |\n", name[i], rows, wall[i], rows/wall[i], rows/cpu[i], rss[i]/1024, f1[name[i]], (rows/wall[i])/ftrate
    printf "\n%d cores (shared with other jobs while measured)\n", cores
  }' "$work/times.txt" | tee "$work/results.md"
