#!/usr/bin/env bash
# Could any model trained on the other research sets meet issue 14's bar (leave-one-set-out macro-F1 >= 0.75) on
# gilani2017 and rtbust2019? Gradient-boosted trees (scikit-learn) on the exact features Vigil trains on, exported by
# `vigil bots features`: each training set's within-set ceiling, and leave-one-set-out transfer with the threshold
# at 0.5 and at the scored set's own best threshold (an upper bound no real model has).
# Usage: bench/bots/run.sh   (needs ../shared/data/bots; root for apt on first run: python3-sklearn)
set -euo pipefail
cd "$(dirname "$0")/../.."
data=${VIGIL_DATA:-../shared/data}/bots
work=${TMPDIR:-/tmp}/vigil-bench-bots
[ -d "$data/gilani2017" ] || { echo "bots: no data at $data (needs ../shared/data/bots); nothing to measure."; exit 2; }
dpkg -s python3-sklearn >/dev/null 2>&1 || { export DEBIAN_FRONTEND=noninteractive; apt-get update -qq; apt-get install -y -qq --no-install-recommends python3-sklearn >/dev/null; }
mkdir -p "$work"
dotnet build src/Vigil.Cli -c Release -nologo -v q >/dev/null
# Exit 1 only says jubins2017 sets aside the handles it lists under both labels; every other failure stops here.
dotnet src/Vigil.Cli/bin/Release/net10.0/Vigil.Cli.dll bots features --data "$data" --out "$work/features.csv" || [ $? -eq 1 ]
/usr/bin/python3 bench/bots/transfer.py "$work/features.csv" | tee "$work/results.md"
