"""Fine-tunes the base encoder multi-task on ../shared/data and writes the shipped artifact (see ENCODER-CONTRACT in
models/encoder/README.md): fine-tuned tensors in fp16 over the package's frozen word embeddings, a manifest with the
calibration and thresholds chosen on dev splits, and reference outputs for the C# loader's test.
Run through training/train-encoder.sh, which builds the C# tools and checks the base rebuild first."""
import argparse
import collections
import json
import math
import os
import random
import shutil
import struct
import time

import numpy as np
import torch
from torch import nn

import base_model
import data
from tokenizer import WordPiece, load_emoji_words

VERSION = 'vigil-encoder-v5.2'
# Scoring costs time too (a few rows per second on the shared machine), so large dev/test splits are sampled (seeded).
# ISCA, HateXplain test, Hatemoji and ToxiGen are scored whole.
EVALUATED_ROWS = {('davidson-2017', 'dev'): 300, ('davidson-2017', 'test'): 300, ('hatexplain', 'dev'): 1000,
                  ('counterspeech-reddit', 'dev'): 400, ('counterspeech-reddit', 'test'): 500}
# Rows whose head a set labels, on the split named, and how each set is scored.
EVALUATIONS = [
    # (set, head, how): 'threshold' = the head's shipped threshold on P(yes); 'argmax' = the most probable class;
    # 'toxic' = P(hate) + P(offensive) > 0.5 against normal.
    ('isca-2023', 'antisemitic', 'threshold'),
    ('hatexplain', 'hx3', 'argmax'),
    ('hatexplain', 'toxic', 'toxic'),
    ('hatexplain', 'hateful', 'threshold'),
    ('davidson-2017', 'hx3', 'argmax'),
    ('hatemoji-build', 'hateful', 'threshold'),
    ('toxigen-seeds', 'hateful', 'threshold'),
    ('counterspeech-reddit', 'counter_speech', 'argmax'),
]


class Encoder(nn.Module):
    def __init__(self, base):
        super().__init__()
        self.base = base
        self.dropout = nn.Dropout(0.1)
        self.heads = nn.ModuleDict({name: nn.Linear(base_model.HIDDEN, 1 if activation == 'sigmoid' else len(labels))
                                    for name, (labels, activation) in data.HEADS.items()})

    def forward(self, ids, mask):
        pooled = self.dropout(base_model.mean_pool(self.base(ids, mask), mask))
        return {name: head(pooled) for name, head in self.heads.items()}


def batches(lengths, batch_size, rng):
    """Batches of similar length (less padding), in a random order: shuffle, sort within windows of 50 batches."""
    order = list(range(len(lengths)))
    rng.shuffle(order)
    window = batch_size * 50
    result = []
    for start in range(0, len(order), window):
        chunk = sorted(order[start:start + window], key=lambda i: lengths[i])
        result.extend(chunk[k:k + batch_size] for k in range(0, len(chunk), batch_size))
    rng.shuffle(result)
    return result


def pad(token_lists):
    width = max(len(t) for t in token_lists)
    ids = torch.zeros(len(token_lists), width, dtype=torch.long)
    mask = torch.zeros(len(token_lists), width, dtype=torch.long)
    for k, tokens in enumerate(token_lists):
        ids[k, :len(tokens)] = torch.tensor(tokens)
        mask[k, :len(tokens)] = 1
    return ids, mask


def head_loss(logits, labels, activation):
    known = labels != data.UNKNOWN
    if not known.any():
        return None
    if activation == 'sigmoid':
        return nn.functional.binary_cross_entropy_with_logits(logits[known, 0].float(), labels[known].float())
    return nn.functional.cross_entropy(logits[known].float(), labels[known])


def predict(model, tokens, batch_size=64):
    """Raw logits per head for every row, in order."""
    model.eval()
    order = sorted(range(len(tokens)), key=lambda i: len(tokens[i]))
    out = {name: np.zeros((len(tokens), 1 if act == 'sigmoid' else len(labels)), dtype=np.float32)
           for name, (labels, act) in data.HEADS.items()}
    with torch.no_grad(), torch.autocast('cpu', dtype=torch.bfloat16):
        for start in range(0, len(order), batch_size):
            chunk = order[start:start + batch_size]
            logits = model(*pad([tokens[i] for i in chunk]))
            for name in out:
                out[name][chunk] = logits[name].float().numpy()
    return out


def probabilities(logits, activation, temperature):
    scaled = logits / temperature
    if activation == 'sigmoid':
        return 1.0 / (1.0 + np.exp(-scaled[:, 0]))
    scaled = scaled - scaled.max(1, keepdims=True)
    exp = np.exp(scaled)
    return exp / exp.sum(1, keepdims=True)


def fit_temperature(logits, labels, activation):
    """The temperature minimising the dev negative log-likelihood (grid search; one parameter)."""
    def nll(t):
        p = probabilities(logits, activation, t)
        if activation == 'sigmoid':
            p = np.where(labels == 1, p, 1 - p)
        else:
            p = p[np.arange(len(labels)), labels]
        return -np.log(np.clip(p, 1e-7, 1)).mean()
    return min(np.arange(0.5, 4.001, 0.05), key=nll)


def macro_f1(gold, predicted, classes):
    scores = []
    for c in range(classes):
        tp = np.sum((predicted == c) & (gold == c))
        fp, fn = np.sum((predicted == c) & (gold != c)), np.sum((predicted != c) & (gold == c))
        scores.append(2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.0)
    return float(np.mean(scores)), [round(float(s), 3) for s in scores]


def best_threshold(p, gold):
    return max(np.arange(0.05, 0.951, 0.01), key=lambda t: (macro_f1(gold, (p >= t).astype(int), 2)[0], -abs(t - 0.5)))


def calibrate(rows, logits):
    """Temperature per head on all dev rows that label it; thresholds on dev: the antisemitic head's on ISCA dev (its
    defining set, IHRA labels), the hateful head's on all dev rows that label it."""
    calibration = {}
    for name, (labels, activation) in data.HEADS.items():
        dev = np.array([r['split'] == 'dev' and r['labels'][name] != data.UNKNOWN for r in rows])
        gold = np.array([r['labels'][name] for r in rows])[dev]
        temperature = float(fit_temperature(logits[name][dev], gold, activation))
        threshold = None
        if activation == 'sigmoid':
            chosen = dev & np.array([name != 'antisemitic' or r['source'] == 'isca-2023' for r in rows])
            p = probabilities(logits[name][chosen], activation, temperature)
            threshold = round(float(best_threshold(p, np.array([r['labels'][name] for r in rows])[chosen])), 2)
        calibration[name] = {'temperature': round(temperature, 2), 'threshold': threshold}
    return calibration


def evaluate(rows, logits, calibration):
    metrics = []
    for source, head, how in EVALUATIONS:
        for split in ('dev', 'test'):
            label_head = 'hx3' if how == 'toxic' else head
            chosen = np.array([r['source'] == source and r['split'] == split and r['labels'][label_head] != data.UNKNOWN
                               for r in rows])
            if not chosen.any():
                continue
            gold = np.array([r['labels'][label_head] for r in rows])[chosen]
            labels, activation = data.HEADS[label_head]
            p = probabilities(logits[label_head][chosen], activation, calibration[label_head]['temperature'])
            if how == 'threshold':
                predicted, classes = (p >= calibration[head]['threshold']).astype(int), 2
            elif how == 'argmax':
                predicted, classes = p.argmax(1), len(labels)
            else:
                gold, predicted, classes = (gold != 2).astype(int), (p[:, 0] + p[:, 1] > 0.5).astype(int), 2
            f1, per_class = macro_f1(gold, predicted, classes)
            metrics.append({'set': source, 'head': 'toxic' if how == 'toxic' else head, 'split': split,
                            'n': int(chosen.sum()), 'accuracy': round(float(np.mean(gold == predicted)), 3),
                            'macro_f1': round(f1, 3), 'per_class_f1': per_class})
    return metrics


def shipped_tensors(model, names):
    """Every fine-tuned tensor under its ONNX initializer name, in ONNX layout, as fp16; the heads in fp32."""
    tensors = {}
    state = model.base.state_dict()
    for torch_name in model.base.trainable_names():  # the rest is frozen: C# takes it from the package
        value = state[torch_name]
        onnx_name, transposed = names[torch_name]
        tensor = value.t() if transposed else value
        tensors[f'onnx:{onnx_name}'] = tensor.contiguous().to(torch.float16)
    for name, head in model.heads.items():
        tensors[f'head.{name}.weight'] = head.weight.detach().float().contiguous()
        tensors[f'head.{name}.bias'] = head.bias.detach().float().contiguous()
    return tensors


def write_safetensors(path, tensors):
    header, offset, blobs = {}, 0, []
    for name, tensor in tensors.items():
        blob = tensor.numpy().tobytes()
        header[name] = {'dtype': {torch.float16: 'F16', torch.float32: 'F32'}[tensor.dtype],
                        'shape': list(tensor.shape), 'data_offsets': [offset, offset + len(blob)]}
        offset += len(blob)
        blobs.append(blob)
    encoded = json.dumps(header, separators=(',', ':')).encode()
    encoded += b' ' * (-len(encoded) % 8)
    with open(path, 'wb') as f:
        f.write(struct.pack('<Q', len(encoded)) + encoded)
        for blob in blobs:
            f.write(blob)


def round_to_shipped(model):
    """The weights C# will run: every shipped base tensor rounded through fp16 (frozen ones are not shipped)."""
    shipped = set(model.base.trainable_names())
    with torch.no_grad():
        for name, value in model.base.named_parameters():
            if name in shipped:
                value.copy_(value.half().float())


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--data', required=True)
    parser.add_argument('--out', required=True)
    parser.add_argument('--work', required=True)
    parser.add_argument('--handoff', help='also copy each epoch\'s artifact here')
    parser.add_argument('--seed', type=int, default=1)
    parser.add_argument('--epochs', type=int, default=3)
    parser.add_argument('--max-tokens', type=int, default=128)
    parser.add_argument('--batch', type=int, default=32)
    parser.add_argument('--lr', type=float, default=5e-5)
    parser.add_argument('--head-lr', type=float, default=2e-3)
    parser.add_argument('--noisy', type=int, default=3000, help='spelling-noise copies of train rows')
    parser.add_argument('--quotes', type=int, default=1000, help='quoted hateful train rows (condemned/reported/endorsed)')
    parser.add_argument('--frozen-layers', type=int, default=0,
                        help='keep the embeddings and this many lower layers at the base weights (cheaper steps, '
                             'smaller artifact)')
    parser.add_argument('--max-minutes', type=float,
                        help='stop training after this long (counted from the start) and export what there is')
    parser.add_argument('--limit', type=int, help='use only this many train and dev/test rows (a quick pipeline check)')
    parser.add_argument('--train-sources', help='train only on these sets (comma-separated, their augmented copies '
                        'included), e.g. isca-2023; an experiment: the shipped encoder trains on every set')
    args = parser.parse_args()

    torch.manual_seed(args.seed)
    rng = random.Random(args.seed)
    torch.set_num_threads(int(os.environ.get('VIGIL_TRAIN_THREADS', '2')))  # 1 leaves a core to a busy machine
    os.makedirs(args.out, exist_ok=True)
    started = time.time()

    onnx_bytes, vocab = base_model.load_package()
    emoji_path = 'models/encoder/emoji-words.tsv'
    pieces = WordPiece(vocab, load_emoji_words(emoji_path))
    rows = data.load(args.data, 'src/Vigil/Detection/Training/augmentation-seeds.tsv', args.seed, args.noisy, args.quotes)
    normaliser, normalised = data.normalise([r['text'] for r in rows])
    tokens = [pieces.encode(text, args.max_tokens) for text in normalised]
    print(f'{len(rows)} rows ({sum(r["split"] == "train" for r in rows)} train), mean {np.mean([len(t) for t in tokens]):.1f} '
          f'tokens, normaliser {normaliser}, prepared in {time.time() - started:.0f} s', flush=True)

    base, names = base_model.build(onnx_bytes, args.frozen_layers)
    trainable = set(base.trainable_names())
    for name, parameter in base.named_parameters():
        parameter.requires_grad_(name in trainable)
    model = Encoder(base)
    optimizer = torch.optim.AdamW([
        {'params': [p for n, p in model.base.named_parameters() if p.requires_grad], 'lr': args.lr},
        {'params': model.heads.parameters(), 'lr': args.head_lr}], weight_decay=0.01)
    train = [k for k, r in enumerate(rows) if r['split'] == 'train']
    if args.train_sources:
        chosen_sources = args.train_sources.split(',')
        train = [k for k in train if rows[k]['source'].split('+')[0] in chosen_sources]
        print(f'training on the {len(train)} train rows of {args.train_sources}', flush=True)
    evaluated = []
    for split in ('dev', 'test'):  # a seeded sample where a split is larger than EVALUATED_ROWS allows
        for source in sorted({r['source'] for r in rows}):
            chosen = [k for k, r in enumerate(rows) if r['split'] == split and r['source'] == source]
            cap = EVALUATED_ROWS.get((source, split), len(chosen))
            evaluated += sorted(rng.sample(chosen, min(cap, len(chosen))))
    if args.limit:
        train, evaluated = rng.sample(train, args.limit), rng.sample(evaluated, args.limit)
    steps = args.epochs * math.ceil(len(train) / args.batch)
    warmup = max(1, steps // 20)
    scheduler = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda s: min((s + 1) / warmup, max(0.0, (steps - s) / (steps - warmup))))
    labels = {name: torch.tensor([r['labels'][name] for r in rows]) for name in data.HEADS}

    step = 0
    for epoch in range(1, args.epochs + 1):
        model.train()
        epoch_started, running = time.time(), []
        for batch in batches([len(tokens[k]) for k in train], args.batch, rng):
            indices = [train[k] for k in batch]
            with torch.autocast('cpu', dtype=torch.bfloat16):
                logits = model(*pad([tokens[k] for k in indices]))
            losses = [head_loss(logits[name], labels[name][indices], act) for name, (_, act) in data.HEADS.items()]
            loss = sum(l for l in losses if l is not None)
            optimizer.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            scheduler.step()
            step += 1
            running.append(loss.item())
            if args.max_minutes and time.time() - started > 60 * args.max_minutes:
                print(f'epoch {epoch}: stopped at step {step} of {steps} (--max-minutes {args.max_minutes})', flush=True)
                break
            if step % 20 == 0:
                done = len(running) * args.batch
                print(f'epoch {epoch} step {step}/{steps} loss {np.mean(running[-20:]):.3f} '
                      f'{done / (time.time() - epoch_started):.0f} rows/s', flush=True)
        export(args, model, names, rows, tokens, train, evaluated, onnx_bytes, normaliser, epoch,
               training_seconds=time.time() - started, steps_trained=step)
        if args.max_minutes and time.time() - started > 60 * args.max_minutes:
            break


def export(args, model, names, rows, tokens, train, evaluated, onnx_bytes, normaliser, epoch, training_seconds,
           steps_trained):
    shipped = Encoder(base_model.build(onnx_bytes, args.frozen_layers)[0])
    shipped.load_state_dict(model.state_dict())
    round_to_shipped(shipped)
    subset_rows = [rows[k] for k in evaluated]
    logits = predict(shipped, [tokens[k] for k in evaluated])
    calibration = calibrate(subset_rows, logits)
    metrics = evaluate(subset_rows, logits, calibration)
    for m in metrics:
        print(f"epoch {epoch} {m['set']:22} {m['head']:22} {m['split']:4} n={m['n']:5} acc {m['accuracy']:.3f} "
              f"macro-F1 {m['macro_f1']:.3f} {m['per_class_f1']}", flush=True)

    tensors_path = f'{args.out}/{VERSION}.safetensors'
    write_safetensors(tensors_path, shipped_tensors(shipped, names))
    emoji_path = 'models/encoder/emoji-words.tsv'
    manifest = {
        'version': VERSION,
        'epochs_trained': epoch,
        'steps_trained': steps_trained,
        'base': {'package': base_model.PACKAGE, 'version': base_model.PACKAGE_VERSION,
                 'resource': base_model.ONNX_RESOURCE, 'sha256': base_model.sha256(onnx_bytes),
                 'vocab_resource': base_model.VOCAB_RESOURCE},
        'tensors': os.path.basename(tensors_path),
        'max_tokens': args.max_tokens,
        'pooling': 'mean',
        # The product's normaliser, then emoji-words.tsv, then BERT's uncased WordPiece (ENCODER-CONTRACT.md).
        'preprocess': 'vigil-normaliser+emoji-words',
        'normaliser': normaliser,
        'emoji_words': {'file': os.path.basename(emoji_path), 'sha256': base_model.sha256(open(emoji_path, 'rb').read())},
        # Softmax heads have no threshold (argmax), and the key is left out rather than null.
        'heads': [{'name': name, 'labels': labels, 'activation': activation,
                   **{k: v for k, v in calibration[name].items() if v is not None}}
                  for name, (labels, activation) in data.HEADS.items()],
        'training': {'seed': args.seed, 'epochs': args.epochs, 'frozen_layers': args.frozen_layers, 'batch': args.batch, 'lr': args.lr,
                     'head_lr': args.head_lr, 'noisy_copies': args.noisy, 'quoted_copies': args.quotes,
                     'seconds': round(training_seconds),
                     **({'train_sources': args.train_sources} if args.train_sources else {}),
                     # The rows trained on (after --train-sources and --limit), per source.
                     'rows': dict(sorted(collections.Counter(rows[k]['source'] for k in train).items()))},
        'metrics': metrics,
    }
    with open(f'{args.out}/{VERSION}.json', 'w', encoding='utf-8') as f:
        json.dump(manifest, f, indent=1)
        f.write('\n')
    write_reference(args, shipped, calibration)
    if args.handoff:
        os.makedirs(args.handoff, exist_ok=True)
        for name in (f'{VERSION}.safetensors', f'{VERSION}.json', f'{VERSION}.reference.jsonl'):
            shutil.copy(f'{args.out}/{name}', args.handoff)
    print(f'epoch {epoch}: wrote {tensors_path} ({os.path.getsize(tensors_path) / 1e6:.1f} MB)', flush=True)


def write_reference(args, model, calibration):
    """Outputs of the shipped weights (fp32 inference) on the project's own hand-written sentences (never data-set
    text), for the C# loader's test: raw text, normalised text, token ids and every head's calibrated probabilities."""
    onnx_bytes, vocab = base_model.load_package()
    pieces = WordPiece(vocab, load_emoji_words('models/encoder/emoji-words.tsv'))
    texts = [r['text'] for r in data.seed_sentences('src/Vigil/Detection/Training/augmentation-seeds.tsv')]
    texts += ['I h@te the j3ws 😂😂 🐀🐀', 'k i l l  all the z i o n i s t s', 'Happy Hanukkah 🕎✡️ to all my friends!']
    _, normalised = data.normalise(texts)
    model.eval()
    with open(f'{args.out}/{VERSION}.reference.jsonl', 'w', encoding='utf-8') as f, torch.no_grad():
        for text, norm in zip(texts, normalised):
            ids = pieces.encode(norm, args.max_tokens)
            logits = model(*pad([ids]))
            probs = {name: probabilities(logits[name].numpy(), act, calibration[name]['temperature'])[0].tolist()
                     for name, (_, act) in data.HEADS.items()}
            f.write(json.dumps({'text': text, 'normalised': norm, 'input_ids': ids, 'probabilities': probs},
                               ensure_ascii=False) + '\n')


if __name__ == '__main__':
    main()
