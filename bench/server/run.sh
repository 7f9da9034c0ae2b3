#!/usr/bin/env bash
# Load test of `vigil serve` on loopback with Debian's wrk: the cold start (process start to the first scored answer),
# single-text comments:analyze and /v1/moderations, batch /api/v1/assess (100 texts a request), and memory. Bounded in
# time: DURATION per endpoint (default 60s) plus start-up. Prints the machine's load (uptime) before and after, since a
# shared machine's figures depend on it, and one summary line per endpoint at the end.
# Usage: bash bench/server/run.sh [DURATION]   (needs: apt-get install wrk; a Release build)
set -euo pipefail
cd "$(dirname "$0")/../.."
duration=${1:-60s}
connections=${CONNECTIONS:-32}
cli=src/Vigil.Cli/bin/Release/net10.0/Vigil.Cli.dll
[ -f "$cli" ] || dotnet build src/Vigil.Cli -c Release -v q
command -v wrk >/dev/null || { echo "bench/server: wrk is not installed (apt-get install wrk)"; exit 2; }

work=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
url="http://127.0.0.1:$port"
# A key with a rate far above what one machine can send, so the limiter is measured, not hit.
export VIGIL_KEY=$(dotnet "$cli" keys create --role client --rate 1000000 --db "$work/vigil.db" | tail -1)
server=
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

cat > "$work/analyze.json" <<'JSON'
{"comment":{"text":"I can't believe the council approved this again, the people who run this town never listen to anyone."},"requestedAttributes":{"TOXICITY":{},"IDENTITY_ATTACK":{},"ANTISEMITISM":{}},"languages":["en"],"doNotStore":true}
JSON
python3 - "$work/assess.json" <<'PY'
import json, sys
# 100 different texts a request: comment-like sentences of 60 to 200 characters.
words = "the council approved this again people who run this town never listen to anyone and I think we should vote them out next year".split()
texts = [{"id": f"t{i}", "text": " ".join(words[(i * 7 + k) % len(words)] for k in range(10 + i % 25)) + "."} for i in range(100)]
json.dump({"texts": texts}, open(sys.argv[1], "w"))
PY
cat > "$work/moderations.json" <<'JSON'
{"model":"omni-moderation-latest","input":"I can't believe the council approved this again, the people who run this town never listen to anyone."}
JSON

# One request line per request is Information; a load test measures the service, not the console.
export Logging__LogLevel__Default=Warning
echo "uptime before: $(uptime)"
echo "cpus: $(nproc); $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
start=$(date +%s.%N)
dotnet "$cli" serve --db "$work/vigil.db" --urls "$url" > "$work/serve.log" 2>&1 &
server=$!
until curl -sf -o /dev/null -H "Authorization: Bearer $VIGIL_KEY" -H 'Content-Type: application/json' \
      --data @"$work/analyze.json" "$url/v1alpha1/comments:analyze"; do
  sleep 0.02
  kill -0 "$server" 2>/dev/null || { cat "$work/serve.log"; exit 1; }
done
cold=$(python3 -c "import time; print(f'{time.time() - $start:.2f}')")
echo "cold start to the first scored answer: ${cold} s"


summary=()
for endpoint in analyze moderations assess; do
  case $endpoint in
    analyze) path=/v1alpha1/comments:analyze; texts=1 ;;
    moderations) path=/v1/moderations; texts=1 ;;
    assess) path=/api/v1/assess; texts=100 ;;
  esac
  echo "== $path: wrk -t2 -c$connections -d$duration --latency"
  BODY_FILE="$work/$endpoint.json" wrk -t2 -c"$connections" -d"$duration" --latency -s bench/server/post.lua "$url$path" \
    | tee "$work/$endpoint.wrk"
  rps=$(awk '/^Requests\/sec:/ {print $2}' "$work/$endpoint.wrk")
  p99=$(awk '$1 == "99%" {print $2}' "$work/$endpoint.wrk")
  requests=$(awk '/requests in/ {print $1}' "$work/$endpoint.wrk")
  # wrk counts non-2xx answers and socket errors apart; both are errors here.
  non2xx=$(awk '/Non-2xx or 3xx responses:/ {print $5}' "$work/$endpoint.wrk"); non2xx=${non2xx:-0}
  socket=$(awk -F'[ ,]+' '/Socket errors:/ {print $4 + $6 + $8 + $10}' "$work/$endpoint.wrk"); socket=${socket:-0}
  summary+=("$(printf '%-28s %9s req/s %8s texts/s  p99 %8s  %s requests, %s errors' "$path" "$rps" \
    "$(python3 -c "print(f'{$rps * $texts:.0f}')")" "$p99" "$requests" "$((non2xx + socket))")")
done
memory=$(grep -E "VmHWM|VmRSS" /proc/$server/status | tr -s ' \t' ' ' | tr '\n' ' ')
echo
echo "== summary ($connections connections, $duration each; wrk and the server share the machine's $(nproc) cores)"
echo "cold start to the first scored answer: ${cold} s"
printf '%s\n' "${summary[@]}"
echo "server memory: $memory"
echo "uptime after: $(uptime)"
