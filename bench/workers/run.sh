#!/usr/bin/env bash
# Stream workers at scale (docs/BENCHMARKS.md, "Stream workers"), on SQLite or PostgreSQL, and Redis Streams:
#  1. throughput: the whole platform queued first, then 1, 2 and 4 `vigil worker --drain` together; wall time, CPU
#     time (user+sys) of every worker, posts/s and posts per CPU-second;
#  2. crash: `vigil ingest --queue` feeds the stream (backpressure at --queue-limit) while two steady workers run and
#     KILLS more are SIGKILLed at seeded random points, Redis is restarted (AOF) halfway (on PostgreSQL also PostgreSQL,
#     `-m fast` after a third of the kills and `-m immediate`, a crash, after two thirds: the rows committed just before
#     must all be there after), the steady workers are stopped with SIGTERM (must exit 0) and a last one drains; the
#     result must equal the 1-worker run's (check.py) and the decision log must verify.
# Needs Redis: VIGIL_TEST_REDIS from `eval "$(scripts/services.sh start)"` (started here when unset).
#
# PARTS="throughput crash" (default) picks the parts to run; WORKERS="1 2 4" (default) the worker counts of the first.
# STORE=postgres runs both parts on PostgreSQL (a schema per run) with its own durable PostgreSQL and Redis (fsync on,
# started in the run's folder), and also reports the CPU time the PostgreSQL and Redis servers spent. The password
# reaches vigil and psql through a passfile (PGPASSFILE, docs/WORKERS.md), never a command line.
# The run's folder (simulated platform, databases) is made under $TMPDIR (default /tmp).
# usage: bench/workers/run.sh [KILLS] [SEED] [ACCOUNTS] [DAYS]   (from the repository root; defaults 20 1 20000 30 = 1.1M posts)
set -euo pipefail
kills=${1:-20}
seed=${2:-1}
accounts=${3:-20000}
days=${4:-30}
store=${STORE:-sqlite}
parts=${PARTS:-throughput crash}
case "$store" in sqlite | postgres) ;; *) echo "STORE is sqlite or postgres, not '$store'" >&2; exit 2 ;; esac
work=$(mktemp -d "${TMPDIR:-/tmp}/vigil-workers.XXXXXX")
trap 'rm -rf "$work"' EXIT
RANDOM=$seed
if [ "$store" = postgres ]; then
  chmod 711 "$work" # PostgreSQL runs as the postgres user, whose data folder is inside
  export VIGIL_SERVICES_DIR=$work/services
  trap 'scripts/services.sh stop 2>/dev/null; rm -rf "$work"' EXIT
  eval "$(VIGIL_SERVICES_THROWAWAY=0 scripts/services.sh start)"
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  # postgresql://vigil:PASSWORD@HOST:PORT/vigil: the password goes to a passfile, the URL without it to every command.
  [[ "$VIGIL_TEST_POSTGRES" =~ ^postgresql://([^:]+):([^@]+)@([^:/]+):([0-9]+)/(.+)$ ]] || { echo "unexpected VIGIL_TEST_POSTGRES" >&2; exit 1; }
  (umask 077; echo "${BASH_REMATCH[3]}:${BASH_REMATCH[4]}:*:${BASH_REMATCH[1]}:${BASH_REMATCH[2]}" >"$work/pgpass")
  export PGPASSFILE=$work/pgpass
  pg_url="postgresql://${BASH_REMATCH[1]}@${BASH_REMATCH[3]}:${BASH_REMATCH[4]}/${BASH_REMATCH[5]}"
  sql() { "$pg_bin/psql" "$pg_url" -qtAX -v ON_ERROR_STOP=1 -c "$1"; }
fi
[ -n "${VIGIL_TEST_REDIS:-}" ] || eval "$(scripts/services.sh start)"
redis() { redis-cli -u "$VIGIL_TEST_REDIS" --no-auth-warning "$@"; }
# The workers take the Redis password from REDISCLI_AUTH, as an operator's should, not from an address `ps` shows.
if [[ "$VIGIL_TEST_REDIS" =~ ^redis://[^:@/]*:([^@]+)@(.+)$ ]]; then
  export REDISCLI_AUTH=${BASH_REMATCH[1]}
  redis_address="redis://${BASH_REMATCH[2]}"
else
  redis_address=$VIGIL_TEST_REDIS
fi
queue() { echo "$redis_address/0?stream=bench:$1:$$"; }
cleanup_streams() { redis --scan --pattern "bench:*:$$*" | while read -r key; do redis del "$key" >/dev/null; done; }
if [ "$store" = sqlite ]; then trap 'cleanup_streams; rm -rf "$work"' EXIT; fi

# The database of run NAME, and the posts assessed in it.
database() {
  if [ "$store" = sqlite ]; then echo "$work/$1.db"; else
    sql "CREATE SCHEMA IF NOT EXISTS $1"
    # A minute to connect, not 15 s: on the shared machine a backend's start can wait that long behind a checkpoint.
    echo "$pg_url?search_path=$1&connect_timeout=60"
  fi
}
assessed_in() {
  if [ "$store" = sqlite ]; then sqlite3 "$work/$1.db" "SELECT count(*) FROM assessments"; else sql "SELECT count(*) FROM $1.assessments"; fi
}
# Assessments and decision events of run NAME another session sees committed (PostgreSQL).
committed() {
  if [ "$(sql "SELECT to_regclass('$1.decision_events') IS NOT NULL")" != t ]; then echo 0; return; fi
  sql "SELECT (SELECT count(*) FROM $1.assessments) + (SELECT count(*) FROM $1.decision_events)"
}

dotnet build src/Vigil.Cli -c Release -v quiet -nologo >/dev/null
cp -r src/Vigil.Cli/bin/Release/net10.0 "$work/bin"
vigil=(dotnet "$work/bin/Vigil.Cli.dll")
"${vigil[@]}" simulate --seed "$seed" --accounts "$accounts" --days "$days" --out "$work/sim" >/dev/null
inputs=(--in "$work/sim/accounts.jsonl" --in "$work/sim/posts.jsonl" --in "$work/sim/interactions.jsonl")
originals=$(grep -c '"kind":"post"' "$work/sim/posts.jsonl" || true)
echo "data: $accounts accounts, $days days, $originals post records; store: $store; machine: $(nproc) cores; $(uptime)"

if [[ " $parts " == *" throughput "* ]]; then
echo
if [ "$store" = sqlite ]; then
  echo "| workers | posts assessed | wall s | posts/s | worker CPU s | posts per CPU-second | cores busy (of $(nproc)) |"
  echo "|---|---|---|---|---|---|---|"
else
  echo "| workers | posts assessed | wall s | posts/s | worker CPU s | PostgreSQL CPU s | Redis CPU s | posts per worker CPU-second | posts per CPU-second, all processes | cores busy (of $(nproc)) |"
  echo "|---|---|---|---|---|---|---|---|---|---|"
fi
for n in ${WORKERS:-1 2 4}; do
  db=$(database "w$n")
  q=$(queue "w$n")
  "${vigil[@]}" ingest "${inputs[@]}" --db "$db" --queue "$q" --queue-limit 100000000 >/dev/null
  [ "$store" = sqlite ] || { sleep 1; read -r pg_before redis_before < <(scripts/services.sh cpu); }
  start=$(date +%s.%N)
  for i in $(seq 1 "$n"); do
    /usr/bin/time -f "%U %S" -o "$work/w$n-$i.time" "${vigil[@]}" worker --db "$db" --queue "$q" --name "w$i" --mode fast --drain \
      >"$work/w$n-$i.log" 2>&1 &
  done
  wait
  end=$(date +%s.%N)
  assessed=$(assessed_in "w$n")
  cpu=$(cat "$work"/w$n-*.time | awk '{s += $1 + $2} END {printf "%.1f", s}')
  if [ "$store" = sqlite ]; then
    awk -v n="$n" -v a="$assessed" -v s="$start" -v e="$end" -v c="$cpu" \
      'BEGIN {w = e - s; printf "| %d | %d | %.1f | %.0f | %.1f | %.0f | %.2f |\n", n, a, w, a / w, c, a / c, c / w}'
  else
    sleep 1 # the workers' backends exit and are reaped, so their CPU time is counted
    read -r pg_after redis_after < <(scripts/services.sh cpu)
    awk -v n="$n" -v a="$assessed" -v s="$start" -v e="$end" -v c="$cpu" -v p="$(echo "$pg_after - $pg_before" | bc)" \
      -v r="$(echo "$redis_after - $redis_before" | bc)" \
      'BEGIN {w = e - s; t = c + p + r; printf "| %d | %d | %.1f | %.0f | %.1f | %.1f | %.1f | %.0f | %.0f | %.2f |\n", n, a, w, a / w, c, p, r, a / c, a / t, t / w}'
  fi
  grep -h "drained after" "$work"/w$n-*.log | sed 's/^/    /' || true
done
echo "($(uptime))"
fi

[[ " $parts " == *" crash "* ]] || exit 0
reference=$(database w1)
if [ "$(assessed_in w1 2>/dev/null || echo 0)" -eq 0 ]; then
  # The reference for the crash run: one worker, never interrupted.
  "${vigil[@]}" ingest "${inputs[@]}" --db "$reference" --queue "$(queue w1)" --queue-limit 100000000 >/dev/null
  # A worker that cannot reach the database at start exits 4 having done nothing; its supervisor starts it again.
  for attempt in 1 2 3; do
    "${vigil[@]}" worker --db "$reference" --queue "$(queue w1)" --name w1 --mode fast --drain >/dev/null && break
    status=$?
    [ "$status" -eq 4 ] && [ "$attempt" -lt 3 ] || exit "$status"
    echo "reference worker exited 4 (database unreachable at start); started again"
  done
fi

echo
pg_fast=0 pg_immediate=0
if [ "$store" = postgres ]; then pg_fast=$((kills / 3)) pg_immediate=$((2 * kills / 3)); fi
echo "crash run: $kills SIGKILLs, a Redis restart after kill $((kills / 2))$([ "$store" = sqlite ] ||
  echo ", PostgreSQL restarts after kill $pg_fast (-m fast) and kill $pg_immediate (-m immediate)")"
db=$(database killed)
q=$(queue killed)
# Ingest waits a PostgreSQL restart out (--max-outage); one cut off all the same exits 4 (database unavailable) and
# re-running it is the recovery (docs/BENCHMARKS.md, "PostgreSQL"): it queues again the posts it had not stored, and
# the workers' effects are idempotent.
feed() {
  for attempt in 1 2 3 4 5; do
    "${vigil[@]}" ingest "${inputs[@]}" --db "$db" --queue "$q" --queue-limit 100000 >>"$work/ingest.log" 2>&1 && return 0
    local status=$?
    [ "$status" -eq 4 ] || return "$status"
    echo "  ingest attempt $attempt exited 4 ($(grep '^vigil ingest:' "$work/ingest.log" | tail -1)); re-run"
  done
  return 1
}
feed &
ingest=$!
sleep 2
"${vigil[@]}" worker --db "$db" --queue "$q" --name steady-1 --mode fast --claim-idle 5 >"$work/steady-1.log" 2>&1 &
steady1=$!
"${vigil[@]}" worker --db "$db" --queue "$q" --name steady-2 --mode fast --claim-idle 5 >"$work/steady-2.log" 2>&1 &
steady2=$!
for k in $(seq 1 "$kills"); do
  "${vigil[@]}" worker --db "$db" --queue "$q" --name "victim-$k" --mode fast --claim-idle 5 >>"$work/victims.log" 2>&1 &
  victim=$!
  sleep "$((1 + RANDOM % 4)).$((RANDOM % 10))"
  kill -KILL "$victim"
  wait "$victim" 2>/dev/null || true
  if [ "$k" -eq "$((kills / 2))" ]; then
    scripts/services.sh restart redis >/dev/null
    echo "  redis restarted after kill $k (stream length then: $(redis xlen "bench:killed:$$"))"
  fi
  for mode in fast immediate; do
    point=pg_$mode
    [ "$k" -eq "${!point}" ] || continue
    before=$(committed killed)
    scripts/services.sh restart postgres "$mode" 2>/dev/null
    after=$(committed killed)
    echo "  postgres restarted (-m $mode) after kill $k: $before assessments and events committed just before, $after just after"
    [ "$after" -ge "$before" ] || { echo "LOST committed rows"; exit 1; }
  done
done
wait "$ingest" || { echo "ingest failed:"; cat "$work/ingest.log"; exit 1; }
echo "  $(grep 'work items queued' "$work/ingest.log" | tail -1)"
kill -TERM "$steady1" "$steady2"
for pid in "$steady1" "$steady2"; do
  if wait "$pid"; then :; else echo "a steady worker exited $? on SIGTERM"; cat "$work"/steady-*.log; exit 1; fi
done
echo "  steady workers stopped by SIGTERM with exit 0: $(grep -h 'stopped after' "$work"/steady-*.log | sed 's/ acknowledged.*//' | tr '\n' ';')"
"${vigil[@]}" worker --db "$db" --queue "$q" --name last --mode fast --claim-idle 5 --drain >"$work/last.log"
echo "  $(tail -1 "$work/last.log")"
echo "  dead letters: $(redis xlen "bench:killed:$$:dead")"
python3 bench/workers/check.py "$reference" "$db"
"${vigil[@]}" log verify --db "$db"
