"""Writes the shipped int8 encoder: the package's MiniLM graph with a fine-tuned artifact's tensors put over its
initializers, then every weight matrix dynamically quantised, as one self-contained ONNX graph that C# runs without the
package's 90 MB fp32 graph (models/encoder/README.md, "int8").

- Each MatMul against a weight becomes DynamicQuantizeLinear (the activation, uint8, one scale per tensor computed at
  run time) -> MatMulInteger (int8 weights, one symmetric scale per output column) -> Cast -> Mul by the product of
  the two scales, then the bias Add. ONNX Runtime fuses exactly this pattern (MatMulIntegerToFloatFusion, then
  DynamicQuantizeMatMulFusion) into its VNNI kernels; each quantiser feeds one MatMulInteger, as the second fusion needs.
- The word embeddings (30522 x 384, frozen at the package's values) are int8 with one scale per row: Gather the int8
  rows and their scales, Cast, Mul. Everything else (position and type embeddings, biases, LayerNorms) stays fp32.
- The pooler (graph output '924') is cut: the heads read the mean of last_hidden_state, which token evidence needs too.

It also writes the heads (fp32 safetensors), a manifest (the source's, with the graph's file and sha256) and reference
outputs: a torch emulation of the int8 graph (the same per-tensor uint8 activations and int8 weights, integer sums
exact in float64) on the project's own hand-written sentences, one sentence per batch, for the C# loader's test.

Usage (from the repository root, Debian's Python):
  /usr/bin/python3 training/quantize.py SOURCE.json [--out models/encoder]
where SOURCE.json is an fp16 artifact written by train.py (its .safetensors beside it), e.g. vigil-encoder-v5.2.
"""
import argparse
import hashlib
import json
import os
import struct
import sys

import numpy as np
import onnx
import torch
from onnx import TensorProto, helper, numpy_helper

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import base_model  # noqa: E402
import data  # noqa: E402
from tokenizer import WordPiece, load_emoji_words  # noqa: E402
from train import Encoder, pad, probabilities, write_safetensors  # noqa: E402

HIDDEN_OUTPUT = 'last_hidden_state'
WORD_EMBEDDINGS = 'embeddings.word_embeddings.weight'
FFN_OUT_SHAPE = (1536, 384)  # [in, out] of each layer's second feed-forward matrix


def read_safetensors(path):
    """name -> float32 numpy array (F16 and F32, as train.py writes them)."""
    blob = open(path, 'rb').read()
    length = struct.unpack_from('<Q', blob)[0]
    header = json.loads(blob[8:8 + length])
    tensors = {}
    for name, entry in header.items():
        if name == '__metadata__':
            continue
        start, end = (8 + length + offset for offset in entry['data_offsets'])
        dtype = {'F16': np.float16, 'F32': np.float32}[entry['dtype']]
        tensors[name] = np.frombuffer(blob[start:end], dtype=dtype).reshape(entry['shape']).astype(np.float32)
    return tensors


def quantise_columns(weight):
    """[in, out] fp32 -> (int8 [in, out], fp32 scale [out]): symmetric, one scale per output column."""
    scale = np.abs(weight).max(axis=0) / 127.0
    scale[scale == 0] = 1.0
    return np.clip(np.rint(weight / scale), -127, 127).astype(np.int8), scale.astype(np.float32)


def quantise_rows(table):
    """[rows, width] fp32 -> (int8 [rows, width], fp32 scale [rows, 1]): symmetric, one scale per row."""
    scale = np.abs(table).max(axis=1, keepdims=True) / 127.0
    scale[scale == 0] = 1.0
    return np.clip(np.rint(table / scale), -127, 127).astype(np.int8), scale.astype(np.float32)


def fine_tuned_graph(onnx_bytes, tensors):
    """The package's graph with the artifact's onnx:NAME tensors over its initializers, and only last_hidden_state."""
    model = onnx.load_from_string(onnx_bytes)
    graph = model.graph
    by_name = {t.name: t for t in graph.initializer}
    for key, value in tensors.items():
        if not key.startswith('onnx:'):
            continue
        name = key[len('onnx:'):]
        if name not in by_name or tuple(by_name[name].dims) != value.shape:
            raise SystemExit(f'{key}: no initializer of shape {value.shape} in the base graph')
        by_name[name].CopyFrom(numpy_helper.from_array(value, name))
    kept_outputs = [o for o in graph.output if o.name == HIDDEN_OUTPUT]
    del graph.output[:]
    graph.output.extend(kept_outputs)
    return model


def prune(graph):
    """Drops nodes nothing reads (walking back from the outputs) and initializers no node reads."""
    needed = {o.name for o in graph.output}
    kept = []
    for node in reversed(graph.node):
        if any(o in needed for o in node.output):
            kept.append(node)
            needed.update(i for i in node.input if i)
    del graph.node[:]
    graph.node.extend(reversed(kept))
    used = [t for t in graph.initializer if t.name in needed]
    del graph.initializer[:]
    graph.initializer.extend(used)


def quantise_graph(model, fp16_ffn_out=False):
    """Rewrites every MatMul against a 2-D initializer and the word-embedding Gather as described above; returns
    {initializer name: (int8 values, scales)} for the emulation. fp16_ffn_out keeps each layer's second feed-forward
    matrix (whose GELU input quantises worst) as fp16, computed in fp32."""
    graph = model.graph
    initializers = {t.name: numpy_helper.to_array(t) for t in graph.initializer}
    consumers = {}
    for node in graph.node:
        for name in node.input:
            consumers.setdefault(name, []).append(node)
    nodes, added, quantised = [], [], {}
    for node in graph.node:
        weight = initializers.get(node.input[1]) if node.op_type == 'MatMul' else None
        if weight is not None and weight.shape == FFN_OUT_SHAPE and fp16_ffn_out:
            nodes += [helper.make_node('Cast', [f'{node.input[1]}_fp16'], [f'{node.input[1]}_fp32'], to=TensorProto.FLOAT),
                      helper.make_node('MatMul', [node.input[0], f'{node.input[1]}_fp32'], [node.output[0]])]
            added.append(numpy_helper.from_array(weight.astype(np.float16), f'{node.input[1]}_fp16'))
        elif weight is not None and weight.ndim == 2:
            x, w, y = node.input[0], node.input[1], node.output[0]
            q, scale = quantise_columns(weight)
            quantised[w] = (q, scale)
            added += [numpy_helper.from_array(q, f'{w}_int8'), numpy_helper.from_array(scale, f'{w}_scale')]
            nodes += [
                helper.make_node('DynamicQuantizeLinear', [x], [f'{y}_x', f'{y}_x_scale', f'{y}_x_zero']),
                helper.make_node('MatMulInteger', [f'{y}_x', f'{w}_int8', f'{y}_x_zero'], [f'{y}_int32']),
                helper.make_node('Cast', [f'{y}_int32'], [f'{y}_sum'], to=TensorProto.FLOAT),
                helper.make_node('Mul', [f'{y}_x_scale', f'{w}_scale'], [f'{y}_scale']),
                helper.make_node('Mul', [f'{y}_sum', f'{y}_scale'], [y]),
            ]
            # The fusion takes the bias only as the Add's second input; the package's graph has it first.
            for add in consumers.get(y, []):
                if add.op_type == 'Add' and add.input[0] in initializers:
                    add.input[0], add.input[1] = add.input[1], add.input[0]
        elif node.op_type == 'Gather' and node.input[0] == WORD_EMBEDDINGS:
            ids, y = node.input[1], node.output[0]
            q, scale = quantise_rows(initializers[WORD_EMBEDDINGS])
            quantised[WORD_EMBEDDINGS] = (q, scale)
            added += [numpy_helper.from_array(q, f'{WORD_EMBEDDINGS}_int8'),
                      numpy_helper.from_array(scale, f'{WORD_EMBEDDINGS}_scale')]
            nodes += [
                helper.make_node('Gather', [f'{WORD_EMBEDDINGS}_int8', ids], [f'{y}_int8']),
                helper.make_node('Cast', [f'{y}_int8'], [f'{y}_values'], to=TensorProto.FLOAT),
                helper.make_node('Gather', [f'{WORD_EMBEDDINGS}_scale', ids], [f'{y}_scale']),
                helper.make_node('Mul', [f'{y}_values', f'{y}_scale'], [y]),
            ]
        else:
            nodes.append(node)
    del graph.node[:]
    graph.node.extend(nodes)
    graph.initializer.extend(added)
    prune(graph)
    if sum(1 for name in quantised if name != WORD_EMBEDDINGS) != (30 if fp16_ffn_out else 36) or WORD_EMBEDDINGS not in quantised:
        raise SystemExit(f'expected 36 weight matrices and the word embeddings, quantised {len(quantised)} tensors')
    onnx.checker.check_model(model)
    return quantised


def check_round_trip(path, tensors, quantised):
    """Reads the written graph back: every int8 tensor times its scales is within half a step of the value it
    quantised, and the fp32 initializers the artifact fine-tuned are its values exactly."""
    stored = {t.name: numpy_helper.to_array(t) for t in onnx.load(path).graph.initializer}
    source = {k[len('onnx:'):]: v for k, v in tensors.items() if k.startswith('onnx:')}
    for name, (q, scale) in quantised.items():
        original = source.get(name)
        if original is None:  # the word embeddings are the package's, not fine-tuned
            original = q.astype(np.float32) * scale  # checked against the stored int8 below
        step = stored[f'{name}_scale']  # [out] for a weight ([in, out]), [rows, 1] for the embeddings
        restored = stored[f'{name}_int8'].astype(np.float32) * step
        worst = float((np.abs(restored - original) / (step / 2)).max())
        if not np.array_equal(stored[f'{name}_int8'], q) or worst > 1.001:
            raise SystemExit(f'{path}: {name} does not round-trip ({worst:.3f} half-steps)')
    for name, value in source.items():
        if name in stored and not np.array_equal(stored[name], value):
            raise SystemExit(f'{path}: {name} is not the fine-tuned value')
    return len(quantised)


def dynamic_uint8(x):
    """ONNX DynamicQuantizeLinear on a whole tensor: the range widened to hold 0, 255 steps, zero point rounded half to
    even; returns (x quantised minus its zero point, as float64; the scale)."""
    low, high = min(0.0, float(x.min())), max(0.0, float(x.max()))
    scale = np.float32((high - low) / 255.0) if high > low else np.float32(1.0)
    zero = float(np.clip(np.rint(-low / scale), 0, 255))
    q = torch.clamp(torch.round(x / float(scale)) + zero, 0, 255)
    return (q - zero).double(), float(scale)


class Int8Linear(torch.nn.Module):
    """What DynamicQuantizeMatMul computes for one nn.Linear: integer sums exact in float64, then both scales."""

    def __init__(self, q, scale, bias):
        super().__init__()
        self.q = torch.from_numpy(q.astype(np.float64))  # [in, out]
        self.scale = torch.from_numpy(scale.astype(np.float64))
        self.bias = bias.detach().double()

    def forward(self, x):
        xq, x_scale = dynamic_uint8(x)
        return ((xq @ self.q) * (x_scale * self.scale) + self.bias).float()


def emulation(onnx_bytes, tensors, quantised, names):
    """The torch rebuild running what the int8 graph computes, with the artifact's heads."""
    base, _ = base_model.build(onnx_bytes)
    encoder = Encoder(base)
    state = {f'heads.{k[len("head."):]}': torch.from_numpy(v) for k, v in tensors.items() if k.startswith('head.')}
    encoder.load_state_dict(state, strict=False)
    onnx_of = {torch_name: onnx_name for torch_name, (onnx_name, _) in names.items()}
    with torch.no_grad():
        for torch_name, parameter in base.named_parameters():  # the fine-tuned fp32 values (fp16-rounded)
            if f'onnx:{onnx_of[torch_name]}' in tensors:
                value = torch.from_numpy(tensors[f'onnx:{onnx_of[torch_name]}'])
                parameter.copy_(value.t() if names[torch_name][1] else value)
        q, scale = quantised[WORD_EMBEDDINGS]
        base.word_embeddings.weight.copy_(torch.from_numpy(q.astype(np.float32) * scale))
    for index, layer in enumerate(base.layers):
        for module in ('query', 'key', 'value', 'attention_output', 'intermediate', 'output'):
            linear = getattr(layer, module)
            onnx_name = onnx_of[f'layers.{index}.{module}.weight']
            if onnx_name in quantised:
                setattr(layer, module, Int8Linear(*quantised[onnx_name], linear.bias))
    return encoder.eval()


def write_reference(path, model, vocab, heads, max_tokens):
    """Per hand-written sentence (train.py's reference set): text, normalised text, ids, calibrated probabilities."""
    pieces = WordPiece(vocab, load_emoji_words('models/encoder/emoji-words.tsv'))
    texts = [r['text'] for r in data.seed_sentences('src/Vigil/Detection/Training/augmentation-seeds.tsv')]
    texts += ['I h@te the j3ws 😂😂 🐀🐀', 'k i l l  all the z i o n i s t s', 'Happy Hanukkah 🕎✡️ to all my friends!']
    _, normalised = data.normalise(texts)
    with open(path, 'w', encoding='utf-8') as f, torch.no_grad():
        for text, norm in zip(texts, normalised):
            ids = pieces.encode(norm, max_tokens)
            logits = model(*pad([ids]))
            probs = {h['name']: probabilities(logits[h['name']].numpy(), h['activation'], h['temperature'])[0].tolist()
                     for h in heads}
            f.write(json.dumps({'text': text, 'normalised': norm, 'input_ids': ids, 'probabilities': probs},
                               ensure_ascii=False) + '\n')


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('source', help='manifest of an fp16 artifact written by train.py')
    parser.add_argument('--out', default='models/encoder')
    parser.add_argument('--fp16-ffn-out', action='store_true',
                        help='keep the six FFN output matrices fp16 (27.0 MB; see models/encoder/README.md)')
    args = parser.parse_args()
    source = json.load(open(args.source, encoding='utf-8'))
    folder = os.path.dirname(os.path.abspath(args.source))
    tensors = read_safetensors(os.path.join(folder, source.get('tensors', source['version'] + '.safetensors')))
    onnx_bytes, vocab = base_model.load_package(source['base']['package'])
    if source['base']['sha256'] != base_model.sha256(onnx_bytes):
        raise SystemExit(f'{args.source} was fine-tuned from another base graph than the package\'s')

    version = source['version'] + '-int8'
    model = fine_tuned_graph(onnx_bytes, tensors)
    quantised = quantise_graph(model, args.fp16_ffn_out)
    model.producer_name, model.doc_string = 'vigil training/quantize.py', f'{version}: int8 {source["version"]}'
    graph_bytes = model.SerializeToString()
    os.makedirs(args.out, exist_ok=True)
    with open(f'{args.out}/{version}.onnx', 'wb') as f:
        f.write(graph_bytes)
    checked = check_round_trip(f'{args.out}/{version}.onnx', tensors, quantised)
    print(f'round trip: {checked} int8 tensors within half a step of their source, fine-tuned fp32 values exact')
    write_safetensors(f'{args.out}/{version}.safetensors',
                      {k: torch.from_numpy(v) for k, v in tensors.items() if k.startswith('head.')})

    manifest = {k: v for k, v in source.items() if k not in ('tensors', 'metrics')}
    manifest.update({
        'version': version,
        'graph': {'file': f'{version}.onnx', 'sha256': hashlib.sha256(graph_bytes).hexdigest()},
        'tensors': f'{version}.safetensors',
        'quantization': {
            'source': source['version'], 'weights': 'int8 symmetric, one scale per output column',
            'word_embeddings': 'int8 symmetric, one scale per row',
            'activations': 'uint8 DynamicQuantizeLinear, one scale per tensor (per batch) at run time'},
        # The source's torch metrics (fp32 over the fp16 tensors); this graph's are measured in C# (docs/EVALUATION.md).
        'source_metrics': source.get('metrics'),
    })
    with open(f'{args.out}/{version}.json', 'w', encoding='utf-8') as f:
        json.dump(manifest, f, indent=1, ensure_ascii=False)
        f.write('\n')

    _, names = base_model.build(onnx_bytes)
    write_reference(f'{args.out}/{version}.reference.jsonl', emulation(onnx_bytes, tensors, quantised, names), vocab,
                    source['heads'], source.get('max_tokens', 128))
    print(f'wrote {args.out}/{version}.onnx ({len(graph_bytes) / 1e6:.1f} MB), its manifest, heads and reference')


if __name__ == '__main__':
    main()
