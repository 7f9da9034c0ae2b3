#!/usr/bin/env bash
# Coordination speed at 131k (the size of the peer toolkit's quoted timings), 1M and 10M synthetic messages.
# At 10M, co-post runs with --min-weight 10: at weight 2 its edge list alone (est. >100M edges) outgrows a shared
# machine's memory. Writes bench/coordination/results-*.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
dotnet build bench/Vigil.Bench.Coordination -c Release -v q >/dev/null
bench=bench/Vigil.Bench.Coordination/bin/Release/net10.0/Vigil.Bench.Coordination.dll
dotnet "$bench" --messages 131000 --types all | tee bench/coordination/results-131k.md
dotnet "$bench" --messages 1000000 --types all | tee bench/coordination/results-1m.md
dotnet "$bench" --messages 10000000 --types co-retweet,co-tweet,co-similar,co-link,co-reply | tee bench/coordination/results-10m.md
dotnet "$bench" --messages 10000000 --types co-post --min-weight 10 | tee bench/coordination/results-10m-copost.md
