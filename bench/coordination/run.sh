#!/usr/bin/env bash
# Coordination speed at 1M (all types) and 10M (all but co-post, whose edge list alone outgrows a shared machine's
# memory at that size; see docs/BENCHMARKS.md). Writes bench/coordination/results-*.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
dotnet build bench/Vigil.Bench.Coordination -c Release -v q >/dev/null
bench=bench/Vigil.Bench.Coordination/bin/Release/net10.0/Vigil.Bench.Coordination.dll
dotnet "$bench" --messages 1000000 --types all | tee bench/coordination/results-1m.md
dotnet "$bench" --messages 10000000 --types co-retweet,co-tweet,co-similar,co-link,co-reply | tee bench/coordination/results-10m.md
