#!/usr/bin/env bash
# PostgreSQL and Redis for tests and developers, on loopback, free ports, generated passwords; no Docker, no system
# services touched. Everything lives in one state folder (default: /tmp/vigil-services-<hash of this checkout>, or
# $VIGIL_SERVICES_DIR), so several checkouts on one machine each get their own pair.
#
#   eval "$(scripts/services.sh start)"   start both (or reuse running ones) and export VIGIL_TEST_POSTGRES, VIGIL_TEST_REDIS
#   eval "$(scripts/services.sh env)"     export the variables of running services
#   scripts/services.sh status            what runs where
#   scripts/services.sh restart postgres [fast|immediate]   restart PostgreSQL (same port and password)
#   scripts/services.sh restart redis                       restart Redis (it reloads its append-only file)
#   scripts/services.sh stop              stop both and delete the state folder
#   scripts/services.sh cpu               CPU seconds PostgreSQL and Redis have used so far: "POSTGRES REDIS" (benchmarks)
#
# VIGIL_TEST_POSTGRES is a URL, postgresql://vigil:PASSWORD@127.0.0.1:PORT/vigil (the user is a superuser of a
# throwaway cluster, so tests can create their own schemas and databases); VIGIL_TEST_REDIS is
# redis://default:PASSWORD@127.0.0.1:PORT. Redis keeps an append-only file (appendonly yes, appendfsync everysec).
# VIGIL_SERVICES_THROWAWAY=1 (set by .ci/run) turns PostgreSQL's fsync off: faster, and only safe for data a test
# creates and forgets. Progress goes to stderr; stdout carries only the export lines.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
state=${VIGIL_SERVICES_DIR:-/tmp/vigil-services-$(printf '%s' "$repo" | cksum | cut -d' ' -f1)}
pg_dir=$state/postgres
redis_dir=$state/redis
env_file=$state/env

pg_bin=${VIGIL_PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}

say() { echo "services: $*" >&2; }
die() { say "$*"; exit 1; }

# As root, PostgreSQL refuses to run: its commands run as the postgres user that Debian's package creates.
as_pg() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
  local port
  for _ in $(seq 1 200); do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
  done
  die "no free port found on 127.0.0.1"
}

password() { head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n'; }

pg_running() { [ -f "$pg_dir/data/postmaster.pid" ] && kill -0 "$(head -1 "$pg_dir/data/postmaster.pid")" 2>/dev/null; }
redis_running() { [ -f "$redis_dir/redis.pid" ] && kill -0 "$(cat "$redis_dir/redis.pid")" 2>/dev/null; }

pg_options() {
  local options="-c listen_addresses=127.0.0.1 -p $PG_PORT -c unix_socket_directories=$pg_dir -c max_connections=300"
  if [ "${VIGIL_SERVICES_THROWAWAY:-0}" = 1 ]; then options+=" -c fsync=off -c full_page_writes=off"; fi
  echo "$options"
}

pg_start() {
  as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/postgres.log" -w -t 60 -o "$(pg_options)" start >/dev/null \
    || die "PostgreSQL did not start; see $pg_dir/postgres.log"
}

redis_start() {
  # AOF is rewritten by Redis itself; the password is passed on the command line only to this local child process.
  redis-server --daemonize yes --bind 127.0.0.1 --port "$REDIS_PORT" --dir "$redis_dir" \
    --pidfile "$redis_dir/redis.pid" --logfile "$redis_dir/redis.log" \
    --appendonly yes --appendfsync everysec --save '' --requirepass "$REDIS_PASSWORD" >/dev/null
  for _ in $(seq 1 100); do
    if [ "$(REDISCLI_AUTH=$REDIS_PASSWORD redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null)" = PONG ]; then return; fi
    sleep 0.1
  done
  die "Redis did not answer; see $redis_dir/redis.log"
}

print_env() {
  [ -f "$env_file" ] || die "not started (scripts/services.sh start)"
  # shellcheck disable=SC1090
  . "$env_file"
  echo "export VIGIL_TEST_POSTGRES='postgresql://vigil:$PG_PASSWORD@127.0.0.1:$PG_PORT/vigil'"
  echo "export VIGIL_TEST_REDIS='redis://default:$REDIS_PASSWORD@127.0.0.1:$REDIS_PORT'"
}

start() {
  [ -x "$pg_bin/initdb" ] || die "PostgreSQL is not installed (apt-get install postgresql)"
  command -v redis-server >/dev/null || die "Redis is not installed (apt-get install redis-server)"
  if [ ! -d "$state" ]; then mkdir -p "$state" && chmod 700 "$state"; fi
  # As root, the postgres user must reach its folder through the state folder (but not list it).
  if [ "$(id -u)" -eq 0 ]; then chmod 711 "$state"; fi
  if [ ! -f "$env_file" ]; then
    { echo "PG_PORT=$(free_port)"; echo "PG_PASSWORD=$(password)";
      echo "REDIS_PORT=$(free_port)"; echo "REDIS_PASSWORD=$(password)"; } >"$env_file.new"
    mv "$env_file.new" "$env_file"
  fi
  # shellcheck disable=SC1090
  . "$env_file"

  if [ ! -f "$pg_dir/data/PG_VERSION" ]; then
    say "initdb in $pg_dir"
    mkdir -p "$pg_dir"
    local pwfile="$pg_dir/pwfile"
    printf '%s\n' "$PG_PASSWORD" >"$pwfile"
    if [ "$(id -u)" -eq 0 ]; then chown -R postgres:postgres "$pg_dir"; fi
    as_pg "$pg_bin/initdb" -D "$pg_dir/data" -U vigil --pwfile="$pwfile" --auth=scram-sha-256 -E UTF8 --locale=C.UTF-8 \
      >"$pg_dir/initdb.log" 2>&1 || die "initdb failed; see $pg_dir/initdb.log"
    rm -f "$pwfile"
  fi
  if pg_running; then say "PostgreSQL already running on 127.0.0.1:$PG_PORT"; else
    pg_start
    say "PostgreSQL on 127.0.0.1:$PG_PORT"
  fi
  if ! PGPASSWORD=$PG_PASSWORD "$pg_bin/psql" -h 127.0.0.1 -p "$PG_PORT" -U vigil -d postgres -tAc \
      "SELECT 1 FROM pg_database WHERE datname = 'vigil'" | grep -q 1; then
    PGPASSWORD=$PG_PASSWORD "$pg_bin/psql" -h 127.0.0.1 -p "$PG_PORT" -U vigil -d postgres -qc "CREATE DATABASE vigil" >/dev/null
  fi

  mkdir -p "$redis_dir"
  if redis_running; then say "Redis already running on 127.0.0.1:$REDIS_PORT"; else
    redis_start
    say "Redis on 127.0.0.1:$REDIS_PORT (append-only file in $redis_dir)"
  fi
  print_env
}

stop() {
  if [ -f "$env_file" ]; then
    # shellcheck disable=SC1090
    . "$env_file"
    if pg_running; then as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -m fast -w stop >/dev/null && say "PostgreSQL stopped"; fi
    if redis_running; then
      REDISCLI_AUTH=$REDIS_PASSWORD redis-cli -h 127.0.0.1 -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
      for _ in $(seq 1 50); do redis_running || break; sleep 0.1; done
      say "Redis stopped"
    fi
  fi
  rm -rf "$state"
}

restart() {
  [ -f "$env_file" ] || die "not started (scripts/services.sh start)"
  # shellcheck disable=SC1090
  . "$env_file"
  case "${1:-}" in
    postgres)
      local mode=${2:-fast}
      case "$mode" in fast | immediate) ;; *) die "restart postgres: mode is fast or immediate, not '$mode'" ;; esac
      as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -m "$mode" -w stop >/dev/null || die "PostgreSQL did not stop"
      pg_start
      say "PostgreSQL restarted ($mode) on 127.0.0.1:$PG_PORT"
      ;;
    redis)
      REDISCLI_AUTH=$REDIS_PASSWORD redis-cli -h 127.0.0.1 -p "$REDIS_PORT" shutdown >/dev/null 2>&1 || true
      for _ in $(seq 1 100); do redis_running || break; sleep 0.1; done
      redis_running && die "Redis did not stop"
      redis_start
      say "Redis restarted on 127.0.0.1:$REDIS_PORT"
      ;;
    *) die "restart: name postgres or redis" ;;
  esac
}

# CPU seconds (user + system) used so far by PostgreSQL's processes (the postmaster's own, its reaped children's: backends
# that exited, and the children still running) and by Redis: "POSTGRES REDIS". Ticks are 1/100 s (USER_HZ).
cpu() {
  [ -f "$env_file" ] || die "not started (scripts/services.sh start)"
  local postmaster ticks pid redis_ticks
  postmaster=$(head -1 "$pg_dir/data/postmaster.pid")
  ticks=$(awk '{print $14 + $15 + $16 + $17}' "/proc/$postmaster/stat")
  for pid in $(pgrep -P "$postmaster"); do
    ticks=$((ticks + $(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || echo 0)))
  done
  redis_ticks=$(awk '{print $14 + $15}' "/proc/$(cat "$redis_dir/redis.pid")/stat")
  awk -v p="$ticks" -v r="$redis_ticks" 'BEGIN {printf "%.2f %.2f\n", p / 100, r / 100}'
}

status() {
  if [ ! -f "$env_file" ]; then say "not started ($state)"; exit 1; fi
  # shellcheck disable=SC1090
  . "$env_file"
  local up=0
  if pg_running; then say "PostgreSQL running on 127.0.0.1:$PG_PORT ($pg_dir)"; else say "PostgreSQL stopped"; up=1; fi
  if redis_running; then say "Redis running on 127.0.0.1:$REDIS_PORT ($redis_dir)"; else say "Redis stopped"; up=1; fi
  exit $up
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  env) print_env ;;
  restart) shift; restart "$@" ;;
  status) status ;;
  cpu) cpu ;;
  *) echo "usage: $0 start|env|status|cpu|restart postgres [fast|immediate]|restart redis|stop" >&2; exit 2 ;;
esac
