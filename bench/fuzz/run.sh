#!/usr/bin/env bash
# The fuzz corpus run (docs/BENCHMARKS.md, "Fuzzing"): 100,000 damaged records per ingest format and per `vigil score`
# input, through the real command. Passes when no run crashes (exit 0 or 1 only), none hangs (10 min limit each),
# read = taken + duplicates + quarantined + ignored on every file, every quarantined record names its file and line,
# and peak memory does not grow with the file (the same formats at a tenth of the records, for comparison).
#
# usage: bench/fuzz/run.sh [RECORDS] [SEED]     (from the repository root; RECORDS defaults to 100000)
set -euo pipefail
records=${1:-100000}
seed=${2:-1}
work=$(mktemp -d /tmp/vigil-fuzz.XXXXXX)
trap 'rm -rf "$work"' EXIT

dotnet build src/Vigil.Cli -c Release -v quiet -nologo >/dev/null
# A copy of the build, so that rebuilding the worktree during a long run does not change what is measured.
cp -r src/Vigil.Cli/bin/Release/net10.0 "$work/bin"
vigil=(dotnet "$work/bin/Vigil.Cli.dll")
python3 bench/fuzz/make_corpus.py "$work/full" --records "$records" --seed "$seed"
python3 bench/fuzz/make_corpus.py "$work/tenth" --records $((records / 10)) --seed "$seed"

failures=0
declare -A rss
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# Runs a command under a time limit, keeping its peak memory (KB) in $work/rss and its exit code in $code.
measured() {
    set +e
    /usr/bin/time -f %M -o "$work/rss" timeout 600 "$@" >"$work/out" 2>"$work/err"
    code=$?
    set -e
    if [ "$code" -eq 124 ]; then fail "hang (over 10 min): $*"; fi
    if [ "$code" -gt 1 ]; then fail "exit $code: $*"; tail -3 "$work/err"; fi
}

printf '%-10s %10s %10s %10s %10s %10s %10s %9s %13s %13s\n' format records read taken duplicates quarantined ignored seconds "peak MB" "peak MB 1/10"
for format in vigil csv x-v2 jetstream mastodon; do
    extension=jsonl; [ "$format" = csv ] && extension=csv
    for size in tenth full; do
        db="$work/$size-$format.db"
        start=$(date +%s.%N)
        measured "${vigil[@]}" ingest --in "$work/$size/$format.$extension" --format "$format" --db "$db"
        end=$(date +%s.%N)
        # GNU time puts "Command exited with non-zero status 1" before the figure when the exit code is not 0.
        rss[$size]=$(( $(tail -1 "$work/rss") / 1024 ))
    done
    # ingest: N read = N taken, N duplicates, N quarantined, N ignored in S s
    summary=$(grep -E '^ingest: [0-9,]+ read = ' "$work/out" | tr -d ',')
    read -r read taken duplicates quarantined ignored < <(echo "$summary" | sed -E 's/^ingest: ([0-9]+) read = ([0-9]+) taken ([0-9]+) duplicates ([0-9]+) quarantined ([0-9]+) ignored.*/\1 \2 \3 \4 \5/')
    [ "$read" -eq $((taken + duplicates + quarantined + ignored)) ] || fail "$format: read $read != $taken + $duplicates + $quarantined + $ignored"
    lines=$(wc -l < "$work/full/$format.$extension")
    python3 - "$db.quarantine.jsonl" "$work/full/$format.$extension" "$lines" "$quarantined" <<'PY' || fail "$format: quarantine file"
import json, sys
path, source, lines, expected = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
count = 0
with open(path, encoding="utf-8") as f:
    for row in f:
        r = json.loads(row)
        assert r["source"] == source and 1 <= r["line"] <= lines and r["reason"], row[:300]
        count += 1
assert count == expected, f"{count} quarantined lines, summary says {expected}"
PY
    printf '%-10s %10d %10d %10d %10d %10d %10d %9.1f %13d %13d\n' "$format" "$records" "$read" "$taken" "$duplicates" "$quarantined" "$ignored" \
        "$(echo "$end - $start" | bc)" "${rss[full]}" "${rss[tenth]}"
done

for input in score-csv.csv score-jsonl.jsonl; do
    for size in tenth full; do
        start=$(date +%s.%N)
        measured "${vigil[@]}" score --in "$work/$size/$input" --out "$work/scored.jsonl"
        end=$(date +%s.%N)
        rss[$size]=$(( $(tail -1 "$work/rss") / 1024 ))
    done
    # vigil score: N rows scored, N skipped, ... (the last line; the progress lines say only "N rows scored")
    read -r scored skipped < <(grep -E '^vigil score: [0-9,]+ rows scored, [0-9,]+ skipped' "$work/err" | tr -d ',' | sed -E 's/^vigil score: ([0-9]+) rows scored ([0-9]+) skipped.*/\1 \2/')
    output_rows=$(wc -l < "$work/scored.jsonl")
    [ "$scored" -eq "$output_rows" ] || fail "$input: $scored scored but $output_rows rows written"
    if grep -vE "^$work/full/$input:[0-9]+: skipped: |^$work/full/$input: [0-9]+ more skipped|^vigil score: " "$work/err" | grep -q .; then
        fail "$input: a diagnostic without file and line"
    fi
    printf '%-10s %10d %10d %10d %10s %10d %10s %9.1f %13d %13d\n' "${input%%.*}" "$records" "$((scored + skipped))" "$scored" - "$skipped" - \
        "$(echo "$end - $start" | bc)" "${rss[full]}" "${rss[tenth]}"
done

echo "fuzz: $failures failures"
[ "$failures" -eq 0 ]
