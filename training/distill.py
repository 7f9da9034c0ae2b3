"""Soft targets for stage 1 (the n-gram detector): the shipped encoder's calibrated probabilities on training-split and
unlabelled texts, never a dev or test row of any set, never CONAN or hatebr. Reads the artifact back from its files
(so it also checks that they load), writes CSV `text,p_antisemitic,p_hateful,source,teacher` (teacher: the encoder's
version, which `vigil train --distill` puts in the model version). Usage:
  distill.py --data DIR --model models/encoder/vigil-encoder-v5.2.json --out FILE.csv [--seed 1 --noisy N --quotes N]
             [--max-texts N]
Every training row is scored (training uses a sample of the larger sets), so the spelling-noise and quoted copies are
drawn afresh from that larger pool, as train.py draws them, with --seed/--noisy/--quotes."""
import argparse
import csv
import json
import os
import random
import struct

import numpy as np
import torch

import base_model
import data
from tokenizer import WordPiece, load_emoji_words
from train import Encoder, predict, probabilities


def read_safetensors(path):
    with open(path, 'rb') as f:
        length = struct.unpack('<Q', f.read(8))[0]
        header = json.loads(f.read(length))
        blob = f.read()
    dtypes = {'F16': np.float16, 'F32': np.float32}
    return {name: torch.from_numpy(np.frombuffer(blob[start:end], dtype=dtypes[spec['dtype']])
                                   .reshape(spec['shape']).astype(np.float32))
            for name, spec in header.items() for start, end in [spec['data_offsets']]}


def load_artifact(manifest_path):
    """(model with the shipped weights, manifest, tokenizer) from the committed files and the package."""
    manifest = json.load(open(manifest_path, encoding='utf-8'))
    folder = os.path.dirname(manifest_path)
    onnx_bytes, vocab = base_model.load_package(manifest['base']['package'])
    assert base_model.sha256(onnx_bytes) == manifest['base']['sha256'], 'base model differs from the one trained on'
    base, names = base_model.build(onnx_bytes)
    model = Encoder(base)
    tensors = read_safetensors(f"{folder}/{manifest['tensors']}")
    state = model.state_dict()
    for torch_name, (onnx_name, transposed) in names.items():
        if f'onnx:{onnx_name}' in tensors:
            value = tensors[f'onnx:{onnx_name}']
            state[f'base.{torch_name}'] = value.t() if transposed else value
    for name in data.HEADS:
        state[f'heads.{name}.weight'] = tensors[f'head.{name}.weight']
        state[f'heads.{name}.bias'] = tensors[f'head.{name}.bias']
    model.load_state_dict(state)
    pieces = WordPiece(vocab, load_emoji_words(f"{folder}/{manifest['emoji_words']['file']}"))
    return model, manifest, pieces


def unlabelled_texts(data_folder):
    """Texts no head was trained on: r/worldnews comments on Israel (train split; stance is not one of our labels) and
    the parents of the counter-speech replies (train split)."""
    texts = []
    folder = f'{data_folder}/reddit-worldnews-israel'
    splits = {r['id']: r['split'] for r in csv.DictReader(open(f'{folder}/splits.csv', encoding='utf-8'))}
    for r in csv.DictReader(open(f'{folder}/reddit_worldnews_israel.csv', encoding='utf-8')):
        if splits.get(r['id']) == 'train':
            texts.append(('reddit-worldnews-israel', r['text']))
    folder = f'{data_folder}/counterspeech-reddit'
    splits = {r['id']: r['split'] for r in csv.DictReader(open(f'{folder}/splits.csv', encoding='utf-8'))}
    for r in csv.DictReader(open(f'{folder}/counterspeech.csv', encoding='utf-8')):
        if splits.get(r['id']) == 'train' and r['parent'] != '<MISSING>':
            texts.append(('counterspeech-reddit-parent', r['parent']))
    return texts


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--data', required=True)
    parser.add_argument('--model', required=True)
    parser.add_argument('--out', required=True)
    parser.add_argument('--seed', type=int, default=1)
    parser.add_argument('--noisy', type=int, default=400)
    parser.add_argument('--quotes', type=int, default=250)
    parser.add_argument('--max-texts', type=int, help='score a seeded sample of this many texts (scoring is slow here)')
    args = parser.parse_args()
    torch.set_num_threads(2)

    model, manifest, pieces = load_artifact(args.model)
    rows = data.load(args.data, 'src/Vigil/Detection/Training/augmentation-seeds.tsv', args.seed, args.noisy,
                      args.quotes, davidson_non_hate_kept=1.0, train_rows_kept={})
    texts = [(r['source'], r['text']) for r in rows if r['split'] == 'train'] + unlabelled_texts(args.data)
    texts = list({text: (source, text) for source, text in texts}.values())  # one row per distinct text
    if args.max_texts:
        texts = random.Random(args.seed).sample(texts, min(args.max_texts, len(texts)))
    _, normalised = data.normalise([text for _, text in texts])
    logits = predict(model, [pieces.encode(text, manifest['max_tokens']) for text in normalised])
    temperature = {h['name']: h['temperature'] for h in manifest['heads']}
    p_antisemitic = probabilities(logits['antisemitic'], 'sigmoid', temperature['antisemitic'])
    p_hateful = probabilities(logits['hateful'], 'sigmoid', temperature['hateful'])
    with open(args.out, 'w', encoding='utf-8', newline='') as f:
        writer = csv.writer(f)
        writer.writerow(['text', 'p_antisemitic', 'p_hateful', 'source', 'teacher'])
        for (source, text), a, h in zip(texts, p_antisemitic, p_hateful):
            writer.writerow([text, f'{a:.4f}', f'{h:.4f}', source, manifest['version']])
    print(f'{len(texts)} texts -> {args.out}')


if __name__ == '__main__':
    main()
