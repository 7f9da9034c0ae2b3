using System.Buffers.Binary;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Vigil.Detection.Encoder;

/// <summary>
/// A fine-tuned encoder as shipped (written by training/quantize.py; models/encoder/README.md): a manifest, its int8
/// ONNX graph (self-contained: embeddings and every layer, output <c>last_hidden_state</c>), and a safetensors file with
/// the linear heads over the pooled sentence vector (<c>head.NAME.weight</c> [classes, hidden], <c>head.NAME.bias</c>).
/// </summary>
internal sealed class EncoderArtifact
{
    /// <summary>The prefix of training's fp16 overrides of the package graph's initializers, which this build does not
    /// run: such an artifact is the input of training/quantize.py.</summary>
    private const string OnnxPrefix = "onnx:";

    /// <param name="graphPath">The artifact's ONNX graph; null for the package's pretrained graph.</param>
    public EncoderArtifact(EncoderManifest manifest, IReadOnlyDictionary<string, NamedTensor> tensors, EmojiWordTable emojiWords, string? graphPath = null)
    {
        Manifest = manifest;
        Tensors = tensors;
        EmojiWords = emojiWords;
        GraphPath = graphPath;
        if (tensors.Keys.Any(name => name.StartsWith(OnnxPrefix, StringComparison.Ordinal)))
            throw new InvalidDataException($"{manifest.Version}: fp16 tensors over the package's graph are training's output, not a runnable model; write its int8 graph with training/quantize.py.");
        if (manifest.Preprocess is not (EncoderManifest.Normalised or EncoderManifest.NormalisedEmojiWords))
            throw new InvalidDataException($"{manifest.Version}: preprocess '{manifest.Preprocess}' is not one this build does.");
        if (manifest.Normaliser != Vigil.Text.TextNormalizer.Version)
            throw new InvalidDataException($"{manifest.Version}: trained on normaliser '{manifest.Normaliser}', this build has '{Vigil.Text.TextNormalizer.Version}'.");
        if ((manifest.Preprocess == EncoderManifest.NormalisedEmojiWords) != (manifest.EmojiWords is not null)
            || manifest.EmojiWords is { } table && table.Sha256 != emojiWords.Sha256)
            throw new InvalidDataException($"{manifest.Version}: the emoji word table is missing or not the one it was trained with.");
        foreach (var head in manifest.Heads)
        {
            if (!tensors.TryGetValue($"head.{head.Name}.weight", out var weight) || weight.Shape.Length != 2 || weight.Shape[0] != head.Labels.Count
                || !tensors.TryGetValue($"head.{head.Name}.bias", out var bias) || bias.Values.Length != head.Labels.Count)
                throw new InvalidDataException($"{manifest.Version}: head '{head.Name}' needs head.{head.Name}.weight [{head.Labels.Count}, hidden] and its bias.");
        }
    }

    public EncoderManifest Manifest { get; }
    public IReadOnlyDictionary<string, NamedTensor> Tensors { get; }
    public EmojiWordTable EmojiWords { get; }
    /// <summary>The ONNX graph ONNX Runtime reads (from the file: the process never holds its bytes); null = the
    /// package's pretrained graph.</summary>
    public string? GraphPath { get; }

    /// <summary>The pretrained encoder as it is, with no heads and no emoji words.</summary>
    public static EncoderArtifact Pretrained() =>
        new(new EncoderManifest { Version = "pretrained", Base = new EncoderBase(), Heads = [] }, new Dictionary<string, NamedTensor>(), EmojiWordTable.Empty);

    /// <summary>Reads the manifest <c>NAME.json</c>, its tensors (the manifest's <c>tensors</c>, else <c>NAME.safetensors</c>),
    /// its emoji word table, and checks its graph's sha256, from one folder.</summary>
    public static EncoderArtifact Load(string manifestPath)
    {
        if (!File.Exists(manifestPath)) throw new FileNotFoundException($"Encoder manifest '{manifestPath}' does not exist.", manifestPath);
        EncoderManifest manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<EncoderManifest>(File.ReadAllText(manifestPath), JsonOptions)
                ?? throw new InvalidDataException($"{manifestPath}: empty manifest.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{manifestPath}: not an encoder manifest ({e.Message}).");
        }
        var folder = Path.GetDirectoryName(Path.GetFullPath(manifestPath))!;
        var tensorPath = manifest.Tensors is { } name ? Path.Combine(folder, name) : Path.ChangeExtension(manifestPath, ".safetensors");
        var emojiWords = manifest.EmojiWords is { } table ? EmojiWordTable.Load(Path.Combine(folder, table.File)) : EmojiWordTable.Empty;
        var tensors = ReadSafetensors(tensorPath);
        if (manifest.Graph is not { } graph)
            throw new InvalidDataException($"{manifestPath}: no 'graph' (the int8 ONNX graph training/quantize.py writes).");
        var graphPath = Path.Combine(folder, graph.File);
        if (!File.Exists(graphPath)) throw new FileNotFoundException($"{manifestPath}: its graph '{graphPath}' does not exist.", graphPath);
        using (var stream = File.OpenRead(graphPath))
        {
            var sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(stream));
            if (!string.Equals(sha256, graph.Sha256, StringComparison.OrdinalIgnoreCase))
                throw new InvalidDataException($"{graphPath}: sha256 {sha256}, the manifest {manifestPath} names {graph.Sha256}.");
        }
        return new EncoderArtifact(manifest, tensors, emojiWords, graphPath);
    }

    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
    };

    /// <summary>safetensors: an 8-byte little-endian header length, a JSON header naming each tensor's dtype, shape and
    /// byte range, then the raw little-endian data. F16 and F32 are read (as fp32).</summary>
    public static Dictionary<string, NamedTensor> ReadSafetensors(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Encoder tensors '{path}' do not exist.", path);
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < 8) throw new InvalidDataException($"{path}: truncated safetensors file.");
        var headerLength = BinaryPrimitives.ReadInt64LittleEndian(bytes);
        if (headerLength <= 0 || 8 + headerLength > bytes.Length) throw new InvalidDataException($"{path}: bad safetensors header length.");
        var data = 8 + (int)headerLength;
        using var header = JsonDocument.Parse(bytes.AsMemory(8, (int)headerLength));
        var tensors = new Dictionary<string, NamedTensor>(StringComparer.Ordinal);
        foreach (var entry in header.RootElement.EnumerateObject())
        {
            if (entry.Name == "__metadata__") continue;
            var dtype = entry.Value.GetProperty("dtype").GetString();
            var shape = entry.Value.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()).ToArray();
            var offsets = entry.Value.GetProperty("data_offsets").EnumerateArray().Select(d => d.GetInt64()).ToArray();
            var count = shape.Aggregate(1L, (a, b) => a * b);
            var width = dtype switch
            {
                "F16" => 2,
                "F32" => 4,
                _ => throw new InvalidDataException($"{path}: tensor '{entry.Name}' has dtype {dtype}; only F16 and F32 are read."),
            };
            if (offsets.Length != 2 || offsets[1] - offsets[0] != count * width || data + offsets[1] > bytes.Length)
                throw new InvalidDataException($"{path}: tensor '{entry.Name}' has a byte range that does not match its shape.");
            var values = new float[count];
            var source = bytes.AsSpan(data + (int)offsets[0], (int)(count * width));
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = width == 2
                    ? (float)BinaryPrimitives.ReadHalfLittleEndian(source[(i * 2)..])
                    : BinaryPrimitives.ReadSingleLittleEndian(source[(i * 4)..]);
            }
            tensors[entry.Name] = new NamedTensor(shape, values);
        }
        return tensors;
    }
}

/// <summary>A tensor's shape and its values as fp32, row-major.</summary>
internal sealed record NamedTensor(long[] Shape, float[] Values);

/// <summary>The manifest written beside the tensors (snake_case JSON).</summary>
internal sealed record EncoderManifest
{
    public required string Version { get; init; }
    public required EncoderBase Base { get; init; }
    /// <summary>The safetensors file beside the manifest (the heads).</summary>
    public string? Tensors { get; init; }
    /// <summary>The int8 ONNX graph beside the manifest.</summary>
    public EncoderGraph? Graph { get; init; }
    public int MaxTokens { get; init; } = 128;
    /// <summary>"mean" over the attention mask, or "cls".</summary>
    public string Pooling { get; init; } = "mean";
    public const string Normalised = "vigil-normaliser", NormalisedEmojiWords = "vigil-normaliser+emoji-words";
    /// <summary>What is done to a text before WordPiece: <see cref="Vigil.Text.TextNormalizer"/>, then (with
    /// "+emoji-words") the <see cref="EmojiWordTable"/>.</summary>
    public string Preprocess { get; init; } = Normalised;
    /// <summary>The normaliser version the model was trained on; it must be this build's.</summary>
    public string Normaliser { get; init; } = Vigil.Text.TextNormalizer.Version;
    public EncoderEmojiWords? EmojiWords { get; init; }
    public required IReadOnlyList<EncoderHead> Heads { get; init; }
    public JsonElement? Training { get; init; }
    public JsonElement? Metrics { get; init; }

    /// <summary>The position of the head named <paramref name="name"/>, or -1.</summary>
    public int HeadIndex(string name)
    {
        for (var h = 0; h < Heads.Count; h++)
        {
            if (Heads[h].Name == name) return h;
        }
        return -1;
    }
}

/// <summary>The ONNX graph's file beside the manifest and its sha256.</summary>
internal sealed record EncoderGraph(string File, string Sha256);

/// <summary>The emoji word table's file beside the manifest and its sha256.</summary>
internal sealed record EncoderEmojiWords(string File, string Sha256);

/// <summary>The package the model was fine-tuned from; its vocabulary is the tokenizer's.</summary>
internal sealed record EncoderBase
{
    public string Package { get; init; } = BaseEncoder.Package;
    public string Version { get; init; } = BaseEncoder.PackageVersion;
    public string Resource { get; init; } = BaseEncoder.ModelResource;
    /// <summary>Of the base ONNX bytes the fine-tuning started from (a record: the shipped graph is self-contained).</summary>
    public string? Sha256 { get; init; }
}

/// <summary>A linear head over the pooled vector; its probabilities are calibrated with <see cref="Temperature"/> and a
/// class is decided at <see cref="Threshold"/> (binary heads: on the last label's probability).</summary>
internal sealed record EncoderHead
{
    public required string Name { get; init; }
    public required IReadOnlyList<string> Labels { get; init; }
    /// <summary>"softmax" over the labels, or "sigmoid" per label.</summary>
    public string Activation { get; init; } = "softmax";
    public float Temperature { get; init; } = 1;
    /// <summary>Chosen on dev for binary heads; null for heads decided by their most probable class.</summary>
    public float? Threshold { get; init; }
}
