#!/usr/bin/env bash
# PostgreSQL proof and figures (docs/BENCHMARKS.md, "PostgreSQL"):
#  1. Ingest speed: the same synthetic posts (Vigil.Bench ingest) into a fresh SQLite file and into a fresh PostgreSQL
#     schema (binary COPY), in posts/s.
#  2. Restarts: `vigil ingest --db postgresql://…` of a simulated platform while PostgreSQL is restarted RESTARTS times
#     at random points (seeded; alternately `pg_ctl restart -m fast` and `-m immediate`, the latter a crash). Before each
#     restart the rows another session sees committed are counted: after the restart at least as many must be there
#     (nothing acknowledged is lost). The interrupted ingest is then re-run, and its schema must equal an uninterrupted
#     run's: row counts and a digest of every row of accounts, posts and interactions.
#
# PostgreSQL and Redis come from scripts/services.sh, in a state folder of this run, durable (fsync on).
# usage: bench/postgres/run.sh [POSTS] [RESTARTS] [ACCOUNTS] [SEED]   (from the repository root; defaults 1000000 6 4000 1:
#        1M synthetic posts for the speeds; a simulated platform of 4,000 accounts over 28 days, about 200k posts and as
#        many interactions, for the restarts)
set -euo pipefail
posts=${1:-1000000}
restarts=${2:-6}
accounts=${3:-4000}
seed=${4:-1}
root=$(pwd)
work=$(mktemp -d /tmp/vigil-pg-bench.XXXXXX)
chmod 711 "$work" # PostgreSQL runs as the postgres user, whose data folder is inside
export VIGIL_SERVICES_DIR=$work/services
services() { "$root/scripts/services.sh" "$@"; }
trap 'services stop 2>/dev/null; rm -rf "$work"' EXIT
RANDOM=$seed

echo "machine: $(nproc) cores, $(uptime | sed 's/.*load average/load average/')"
# VIGIL_BENCH_SKIP_BUILD=1 takes the Release builds as they are (while a test run uses them, a build must not replace them).
if [ "${VIGIL_BENCH_SKIP_BUILD:-0}" != 1 ]; then
  dotnet build bench/Vigil.Bench -c Release -v quiet -nologo >/dev/null
  dotnet build src/Vigil.Cli -c Release -v quiet -nologo >/dev/null
fi
# Copies of the builds, so that rebuilding the worktree during a long run does not change what is measured.
cp -r bench/Vigil.Bench/bin/Release/net10.0 "$work/bench"
cp -r src/Vigil.Cli/bin/Release/net10.0 "$work/cli"
eval "$(services start)"
url=$VIGIL_TEST_POSTGRES
pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
sql() { "$pg_bin/psql" "$url" -qtAX -v ON_ERROR_STOP=1 -c "$1"; }

# CPU seconds PostgreSQL's processes have used so far.
pg_cpu() { services cpu | cut -d' ' -f1; }

# --- 1. ingest speed (POSTS=0 skips it) ----------------------------------------------------------------------------
for store in sqlite postgres; do
  [ "$posts" -gt 0 ] || break
  sql "DROP SCHEMA IF EXISTS bench CASCADE; CREATE SCHEMA bench"
  echo "== Vigil.Bench ingest --posts $posts --store $store"
  cpu_before=$(pg_cpu)
  dotnet "$work/bench/Vigil.Bench.dll" ingest --posts "$posts" --seed "$seed" --folder "$work/ingest" --store "$store" \
    --db "$url?search_path=bench" | grep -E "taken|elapsed|throughput|cpu|peak|database"
  sleep 1 # the benchmark's backends exit and are reaped, so their CPU time is counted
  if [ "$store" = postgres ]; then
    echo "server cpu   $(echo "$(pg_cpu) - $cpu_before" | bc) s in PostgreSQL's processes"
    echo "table size   $(sql "SELECT pg_size_pretty(pg_total_relation_size('bench.posts') + pg_total_relation_size('bench.accounts'))") (posts and accounts, with indexes)"
  fi
done

# --- 2. restarts mid-ingest ---------------------------------------------------------------------------------------
vigil=(dotnet "$work/cli/Vigil.Cli.dll")
"${vigil[@]}" simulate --seed "$seed" --accounts "$accounts" --days 28 --out "$work/sim" >/dev/null
inputs=(--in "$work/sim/accounts.jsonl" --in "$work/sim/posts.jsonl" --in "$work/sim/interactions.jsonl")

# Row counts and a digest of the ingested tables: the md5 of every row's md5, in key order.
state() { # schema
  sql "SET search_path = $1;
       SELECT 'accounts ' || count(*) || ' ' || md5(coalesce(string_agg(md5(a::text), '' ORDER BY id), '')) FROM accounts a;
       SELECT 'posts ' || count(*) || ' ' || md5(coalesce(string_agg(md5(p::text), '' ORDER BY id), '')) FROM posts p;
       SELECT 'interactions ' || count(*) || ' ' ||
              md5(coalesce(string_agg(md5(i::text), '' ORDER BY post_id, kind, account_id, at), '')) FROM interactions i;"
}
committed() { # schema: rows another session sees committed (0 before the ingest has created the tables)
  if [ "$(sql "SELECT to_regclass('$1.interactions') IS NOT NULL")" != t ]; then echo 0; return; fi
  sql "SELECT (SELECT count(*) FROM $1.accounts) + (SELECT count(*) FROM $1.posts) + (SELECT count(*) FROM $1.interactions)"
}

sql "CREATE SCHEMA reference"
start=$(date +%s.%N)
"${vigil[@]}" ingest "${inputs[@]}" --db "$url?search_path=reference" >"$work/reference.out" 2>&1
reference_seconds=$(echo "$(date +%s.%N) - $start" | bc)
state reference >"$work/expected"
echo "== restarts: uninterrupted vigil ingest of $(grep -E '^posts ' "$work/expected" | cut -d' ' -f2) posts took ${reference_seconds} s"
grep -E "^ingest: " "$work/reference.out" || true

failures=0
for ((r = 1; r <= restarts; r++)); do
  mode=$([ $((r % 2)) -eq 1 ] && echo fast || echo immediate)
  schema=restart_$r
  sql "CREATE SCHEMA $schema"
  # A seeded point between 0.1 and 0.9 of the uninterrupted run's time (bash's modulo: bc's is not an integer one).
  delay=$(echo "scale=2; (100 + $((RANDOM % 800))) / 1000 * $reference_seconds" | bc)
  "${vigil[@]}" ingest "${inputs[@]}" --db "$url?search_path=$schema" >"$work/$schema.out" 2>&1 &
  ingest_pid=$!
  sleep "$delay"
  before=$(committed "$schema")
  services restart postgres "$mode" 2>/dev/null
  after=$(committed "$schema")
  set +e; wait "$ingest_pid"; interrupted_exit=$?; set -e
  "${vigil[@]}" ingest "${inputs[@]}" --db "$url?search_path=$schema" >"$work/$schema.rerun" 2>&1 || {
    echo "FAIL: re-run after restart $r"; cat "$work/$schema.rerun"; failures=$((failures + 1)); continue; }
  state "$schema" >"$work/$schema.state"
  verdict=ok
  [ "$after" -ge "$before" ] || verdict="LOST committed rows ($before before, $after after)"
  cmp -s "$work/expected" "$work/$schema.state" || verdict="${verdict:+$verdict; }state differs from the uninterrupted run"
  [ "$verdict" = ok ] || failures=$((failures + 1))
  printf 'restart %d: %-9s after %5.1f s: %9d rows committed before, %9d after; interrupted ingest exited %d; re-run: %s\n' \
    "$r" "$mode" "$delay" "$before" "$after" "$interrupted_exit" "$verdict"
done
echo "expected state:"; cat "$work/expected"
echo "$((restarts - failures)) of $restarts restarts: nothing committed lost, re-run equal to the uninterrupted run"
[ "$failures" -eq 0 ]
