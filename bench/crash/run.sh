#!/usr/bin/env bash
# Crash consistency (docs/BENCHMARKS.md, "Crash consistency"): SIGKILLs `vigil ingest`, `vigil analyze` and
# `vigil policy apply` at KILLS random points each (seeded), re-runs the command to the end, and checks that the
# database equals an uninterrupted run's (every table, bench/crash/state.py), that `PRAGMA integrity_check` is ok and
# that the decision log verifies (`vigil log verify`). Nothing acknowledged lost or doubled is the equality: rows are
# keyed, so a lost write is a missing row and a doubled one an extra row or decision event.
#
# usage: bench/crash/run.sh [KILLS] [SEED] [ACCOUNTS] [DAYS]     (from the repository root; defaults 20 1 400 14)
set -euo pipefail
kills=${1:-20}
seed=${2:-1}
accounts=${3:-400}
days=${4:-14}
work=$(mktemp -d /tmp/vigil-crash.XXXXXX)
trap 'rm -rf "$work"' EXIT
RANDOM=$seed

dotnet build src/Vigil.Cli -c Release -v quiet -nologo >/dev/null
# A copy of the build, so that rebuilding the worktree during a long run does not change what is measured.
cp -r src/Vigil.Cli/bin/Release/net10.0 "$work/bin"
vigil=(dotnet "$work/bin/Vigil.Cli.dll")
"${vigil[@]}" simulate --seed "$seed" --accounts "$accounts" --days "$days" --out "$work/sim" >/dev/null
inputs="$work/policy-inputs.jsonl"
python3 - "$inputs" "$seed" <<'PY'
import json, random, sys
rng = random.Random(int(sys.argv[2]))
codes = ["dual-loyalty", "nazi-comparison", "incitement-violence", "conspiracy-control-trope", "none", "counter-speech"]
with open(sys.argv[1], "w") as f:
    for i in range(20_000):
        f.write(json.dumps({"post_id": f"p{i}", "author_id": f"a{rng.randrange(3000)}", "code": rng.choice(codes),
                            "p_antisemitic": round(rng.random(), 3), "p_hateful": round(rng.random(), 3),
                            "confidence": round(rng.random(), 3), "model_version": "m1", "reach": rng.randrange(100000)}) + "\n")
PY

ingest=("${vigil[@]}" ingest --in "$work/sim/accounts.jsonl" --in "$work/sim/posts.jsonl" --in "$work/sim/interactions.jsonl")
analyze=("${vigil[@]}" analyze)
policy=("${vigil[@]}" policy apply --in "$inputs")

# The uninterrupted run, stage by stage; each stage's start and end are kept (the database closes its WAL on exit).
declare -A seconds
run_stage() { # name db command...
    local name=$1 db=$2; shift 2
    local start end
    start=$(date +%s.%N)
    "$@" --db "$db" >"$work/$name.out" 2>&1 || { echo "FAIL: uninterrupted $name"; cat "$work/$name.out"; exit 1; }
    end=$(date +%s.%N)
    seconds[$name]=$(echo "$end - $start" | bc)
}
run_stage ingest "$work/ref.db" "${ingest[@]}"
cp "$work/ref.db" "$work/after-ingest.db"
python3 bench/crash/state.py "$work/ref.db" >"$work/expected-ingest"
run_stage analyze "$work/ref.db" "${analyze[@]}"
cp "$work/ref.db" "$work/after-analyze.db"
python3 bench/crash/state.py "$work/ref.db" >"$work/expected-analyze"
run_stage policy "$work/ref.db" "${policy[@]}"
python3 bench/crash/state.py "$work/ref.db" >"$work/expected-policy"
posts=$(grep -E '^posts: ' "$work/expected-ingest" | cut -d' ' -f2)
events=$(grep -E '^decision_events: ' "$work/expected-policy" | cut -d' ' -f2)
echo "data: $accounts accounts, $days days, $posts posts; $events decision events after all three stages"

failures=0
printf '%-8s %6s %12s %16s %10s\n' command kills "killed mid-run" "uninterrupted s" result
for stage in ingest analyze policy; do
    case $stage in
        ingest) command=("${ingest[@]}"); before="" ;;
        analyze) command=("${analyze[@]}"); before="$work/after-ingest.db" ;;
        policy) command=("${policy[@]}"); before="$work/after-analyze.db" ;;
    esac
    millis=$(echo "${seconds[$stage]} * 1000 / 1" | bc)
    mid_run=0
    stage_failures=0
    for ((k = 1; k <= kills; k++)); do
        db="$work/killed.db"
        rm -f "$db" "$db-wal" "$db-shm" "$db.quarantine.jsonl"
        [ -n "$before" ] && cp "$before" "$db"
        delay=$(( (RANDOM * 32768 + RANDOM) % (millis + 1) ))
        "${command[@]}" --db "$db" >/dev/null 2>&1 &
        pid=$!
        sleep "$(echo "scale=3; $delay / 1000" | bc)"
        if kill -KILL "$pid" 2>/dev/null; then mid_run=$((mid_run + 1)); fi
        wait "$pid" 2>/dev/null || true
        if ! "${command[@]}" --db "$db" >"$work/rerun.out" 2>&1; then
            echo "FAIL: $stage re-run after a kill at ${delay} ms"; cat "$work/rerun.out"; stage_failures=$((stage_failures + 1)); continue
        fi
        python3 bench/crash/state.py "$db" >"$work/actual"
        if ! diff -q "$work/expected-$stage" "$work/actual" >/dev/null; then
            echo "FAIL: $stage killed at ${delay} ms: state differs from the uninterrupted run"
            diff "$work/expected-$stage" "$work/actual" || true
            stage_failures=$((stage_failures + 1))
        fi
        if [ "$stage" != ingest ] && ! "${vigil[@]}" log verify --db "$db" >"$work/verify.out" 2>&1; then
            echo "FAIL: $stage killed at ${delay} ms: the decision log does not verify"; cat "$work/verify.out"
            stage_failures=$((stage_failures + 1))
        fi
    done
    failures=$((failures + stage_failures))
    printf '%-8s %6d %12d %16.1f %10s\n' "$stage" "$kills" "$mid_run" "${seconds[$stage]}" "$([ $stage_failures -eq 0 ] && echo ok || echo "$stage_failures FAIL")"
done
echo "crash: $failures failures"
[ "$failures" -eq 0 ]
