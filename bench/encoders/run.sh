#!/usr/bin/env bash
# Frozen pretrained sentence encoders (the only pretrained language models served here, as NuGet packages) on ISCA-2023:
# do they lift macro-F1 toward issue 3's 0.88? Usage: bench/encoders/run.sh   (needs ../shared/data, python3-sklearn)
set -euo pipefail
cd "$(dirname "$0")/../.."
data=${VIGIL_DATA:-../shared/data}
work=${TMPDIR:-/tmp}/vigil-bench-encoders
py=/usr/bin/python3
[ -d "$data/isca-antisemitism-2023" ] || { echo "encoders: no data at $data (needs ../shared/data); nothing to measure."; exit 2; }
mkdir -p "$work"
$py bench/encoders/prepare.py "$data" "$work/isca.jsonl"
dotnet build bench/encoders -c Release -nologo -v q >/dev/null
for encoder in minilm arctic; do
  dotnet bench/encoders/bin/Release/net10.0/Vigil.Bench.Encoders.dll $encoder "$work/isca.jsonl" "$work/$encoder.txt"
  echo "## $encoder"; $py bench/encoders/stack.py "$work/isca.jsonl" "$work/$encoder.txt"
done
