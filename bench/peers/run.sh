#!/usr/bin/env bash
# "Above every peer" in one command: vigil (each stage alone and the cascade) beside fastText and scikit-learn TF-IDF+LR
# trained on the same training splits and tested on the same test splits, every task vigil eval reports.
# Usage: bench/peers/run.sh   (needs ../shared/data; root for apt on first run: fasttext, python3-sklearn)
set -euo pipefail
cd "$(dirname "$0")/../.."
data=${VIGIL_DATA:-../shared/data}
work=${TMPDIR:-/tmp}/vigil-bench-peers
py=/usr/bin/python3
[ -d "$data/isca-antisemitism-2023" ] || { echo "peers: no data at $data (needs ../shared/data); nothing to measure."; exit 2; }
for p in fasttext python3-sklearn; do
  dpkg -s "$p" >/dev/null 2>&1 || { export DEBIAN_FRONTEND=noninteractive; apt-get update -qq; apt-get install -y -qq --no-install-recommends "$p" >/dev/null; }
done
mkdir -p "$work"
dotnet build src/Vigil.Cli -c Release -nologo -v q >/dev/null
dotnet build bench/Vigil.Bench -c Release -nologo -v q >/dev/null
dotnet bench/Vigil.Bench/bin/Release/net10.0/Vigil.Bench.dll splits --data "$data" --out "$work/splits.jsonl"
dotnet src/Vigil.Cli/bin/Release/net10.0/Vigil.Cli.dll eval --data "$data" --mode fast encoder cascade --out "$work/eval.md" >/dev/null
$py bench/peers/peers.py "$work/splits.jsonl" "$work" "$work/eval.md" | tee "$work/results.md"
