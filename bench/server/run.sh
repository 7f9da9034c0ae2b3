#!/usr/bin/env bash
# Load test of `vigil serve` on loopback with Debian's wrk: single-text comments:analyze and /v1/moderations, then the
# cold start (process start to the first scored answer) and peak memory. Bounded in time: DURATION per endpoint
# (default 60s) plus start-up. Usage: bash bench/server/run.sh [DURATION]   (needs: apt-get install wrk; a Release build)
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
cat > "$work/moderations.json" <<'JSON'
{"model":"omni-moderation-latest","input":"I can't believe the council approved this again, the people who run this town never listen to anyone."}
JSON

# One request line per request is Information; a load test measures the service, not the console.
export Logging__LogLevel__Default=Warning
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

for endpoint in analyze moderations; do
  path=/v1alpha1/comments:analyze; [ "$endpoint" = moderations ] && path=/v1/moderations
  echo "== $path: wrk -t2 -c$connections -d$duration --latency"
  BODY_FILE="$work/$endpoint.json" wrk -t2 -c"$connections" -d"$duration" --latency -s bench/server/post.lua "$url$path"
done
grep -E "VmHWM|VmRSS" /proc/$server/status
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
