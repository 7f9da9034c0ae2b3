using Microsoft.ML.OnnxRuntime;

namespace Vigil.Detection.Encoder;

/// <summary>How the encoder runs: batch shape and threads.</summary>
internal sealed record EncoderOptions
{
    /// <summary>Batches run at once, one ONNX Runtime thread each; the machine's cores by default.</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;
    /// <summary>Texts per batch; batches hold texts of similar token length (length bucketing), padded only to their longest.
    /// One by default: the int8 graph quantises each activation with one scale per batch tensor, so in a batch a text's
    /// scores would move with its neighbours (logits by up to ~0.3); alone, a text always gets the same scores. It costs
    /// no CPU here (docs/BENCHMARKS.md: 2,000 posts took 8.7 s CPU alone, 8.1 s in batches of 32).</summary>
    public int BatchSize { get; init; } = 1;
}

/// <summary>What the encoder says about one text: each head's calibrated probabilities, and (when asked) how much each
/// token moved each head's positive logit.</summary>
internal sealed record EncoderOutput(float[][] Probabilities, TokenContributions? Contributions);

/// <summary>
/// Per token of an <see cref="EncoderText"/>, its share of each binary head's positive-class logit: with mean pooling
/// and a linear head, the logit is exactly the mean over tokens of (head row · token state), so these shares sum to
/// the logit minus the bias. A share names a real span of the original text (<see cref="EncoderText.SourceSpans"/>).
/// </summary>
internal sealed record TokenContributions(EncoderText Text, float[] Shares, int Heads)
{
    public float Share(int token, int head) => Shares[token * Heads + head];
}

/// <summary>
/// The encoder stage: the artifact's int8 MiniLM graph (or the package's pretrained fp32 graph) in ONNX Runtime, which
/// gives last_hidden_state; mean pooling and the linear heads are applied here, so token evidence reads the same
/// states the heads do. Thread-safe. <see cref="Score(IReadOnlyList{EncoderText}, IReadOnlyList{bool}?, CancellationToken)"/>
/// runs <see cref="EncoderOptions.Threads"/> batches at once, each on one thread: one ~40-token text kept two intra-op
/// threads only 1.35 cores busy (docs/BENCHMARKS.md), and ONNX Runtime's Run may be called concurrently.
/// </summary>
internal sealed class TextEncoder : IDisposable
{
    private const string HiddenOutput = "last_hidden_state";
    private readonly InferenceSession _session;
    private readonly SessionOptions _sessionOptions;
    private readonly float[][] _headWeights;
    private readonly float[][] _headBias;
    private readonly int _hidden;
    private readonly EmojiWordTable _emojiWords;

    private TextEncoder(BaseEncoder baseEncoder, EncoderArtifact artifact, EncoderOptions options)
    {
        Manifest = artifact.Manifest;
        Options = options;
        Tokenizer = WordPieceTokenizer.Load(baseEncoder.Vocabulary);
        _emojiWords = artifact.EmojiWords;
        _sessionOptions = new SessionOptions
        {
            // ENABLE_ALL fuses the int8 graph's DynamicQuantizeLinear → MatMulInteger → Cast → Mul → Add into
            // DynamicQuantizeMatMul (the VNNI kernels).
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            IntraOpNumThreads = 1,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
        };
        // ONNX Runtime reads the shipped graph from its file; no managed copy of it stays in the process.
        _session = artifact.GraphPath is { } graph
            ? new InferenceSession(graph, _sessionOptions)
            : new InferenceSession(baseEncoder.ReadModel(), _sessionOptions);
        _hidden = (int)_session.OutputMetadata[HiddenOutput].Dimensions[^1];
        _headWeights = new float[Manifest.Heads.Count][];
        _headBias = new float[Manifest.Heads.Count][];
        for (var h = 0; h < Manifest.Heads.Count; h++)
        {
            var weight = artifact.Tensors[$"head.{Manifest.Heads[h].Name}.weight"];
            if (weight.Shape[1] != _hidden)
                throw new InvalidDataException($"{Manifest.Version}: head '{Manifest.Heads[h].Name}' reads {weight.Shape[1]} values, the encoder gives {_hidden}.");
            _headWeights[h] = weight.Values;
            _headBias[h] = artifact.Tensors[$"head.{Manifest.Heads[h].Name}.bias"].Values;
        }
    }

    public EncoderManifest Manifest { get; }

    /// <summary>The symbols this encoder reads as words (empty when its manifest names no table).</summary>
    public EmojiWordTable EmojiWords => _emojiWords;
    public EncoderOptions Options { get; }
    public WordPieceTokenizer Tokenizer { get; }

    /// <exception cref="InvalidDataException">The artifact does not fit the base encoder or this build.</exception>
    public static TextEncoder Create(BaseEncoder baseEncoder, EncoderArtifact artifact, EncoderOptions options) => new(baseEncoder, artifact, options);

    public EncoderText Prepare(string text) => EncoderText.Prepare(text, Tokenizer, _emojiWords, Manifest.MaxTokens);

    /// <summary>Scores texts in batches of similar length; result i is for text i.</summary>
    /// <param name="explain">Which texts get token contributions (null: none).</param>
    public EncoderOutput[] Score(IReadOnlyList<string> texts, IReadOnlyList<bool>? explain = null, CancellationToken cancel = default)
    {
        var prepared = new EncoderText[texts.Count];
        for (var i = 0; i < texts.Count; i++) prepared[i] = Prepare(texts[i]);
        return Score(prepared, explain, cancel);
    }

    public EncoderOutput[] Score(IReadOnlyList<EncoderText> texts, IReadOnlyList<bool>? explain = null, CancellationToken cancel = default)
    {
        var results = new EncoderOutput[texts.Count];
        // Length bucketing: sorted by token count, each batch is padded only to its own longest text.
        var order = Enumerable.Range(0, texts.Count).OrderBy(i => texts[i].Ids.Length).ToArray();
        var batches = (order.Length + Options.BatchSize - 1) / Options.BatchSize;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Options.Threads, CancellationToken = cancel };
        Parallel.For(0, batches, parallel, b =>
        {
            var start = b * Options.BatchSize;
            RunBatch(texts, order.AsSpan(start, Math.Min(Options.BatchSize, order.Length - start)), explain, results, cancel);
        });
        return results;
    }

    /// <summary>The pooled sentence vectors (before the heads), for checking the training pipeline against this runtime.</summary>
    public float[][] Pool(IReadOnlyList<EncoderText> texts)
    {
        var pooled = new float[texts.Count][];
        var order = Enumerable.Range(0, texts.Count).ToArray();
        for (var start = 0; start < order.Length; start += Options.BatchSize)
        {
            var batch = order.AsSpan(start, Math.Min(Options.BatchSize, order.Length - start));
            var (hidden, width) = Hidden(texts, batch, CancellationToken.None);
            for (var b = 0; b < batch.Length; b++) pooled[batch[b]] = PoolOne(hidden, b, width, texts[batch[b]].Ids.Length);
        }
        return pooled;
    }

    /// <summary>last_hidden_state per text, [tokens][hidden], unpadded: for checking a rebuild token by token.</summary>
    public float[][][] HiddenStates(IReadOnlyList<EncoderText> texts)
    {
        var states = new float[texts.Count][][];
        var order = Enumerable.Range(0, texts.Count).ToArray();
        for (var start = 0; start < order.Length; start += Options.BatchSize)
        {
            var batch = order.AsSpan(start, Math.Min(Options.BatchSize, order.Length - start));
            var (hidden, width) = Hidden(texts, batch, CancellationToken.None);
            for (var b = 0; b < batch.Length; b++)
            {
                var length = texts[batch[b]].Ids.Length;
                states[batch[b]] = Enumerable.Range(0, length)
                    .Select(t => hidden.AsSpan((b * width + t) * _hidden, _hidden).ToArray()).ToArray();
            }
        }
        return states;
    }

    private void RunBatch(IReadOnlyList<EncoderText> texts, ReadOnlySpan<int> batch, IReadOnlyList<bool>? explain,
        EncoderOutput[] results, CancellationToken cancel)
    {
        var (hidden, width) = Hidden(texts, batch, cancel);
        var heads = Manifest.Heads.Count;
        for (var b = 0; b < batch.Length; b++)
        {
            var text = texts[batch[b]];
            var pooled = PoolOne(hidden, b, width, text.Ids.Length);
            var probabilities = new float[heads][];
            for (var h = 0; h < heads; h++) probabilities[h] = Probabilities(h, pooled);
            TokenContributions? contributions = null;
            if (explain is not null && explain[batch[b]]) contributions = Contributions(hidden, b, width, text);
            results[batch[b]] = new EncoderOutput(probabilities, contributions);
        }
    }

    /// <summary>Runs one padded batch; returns last_hidden_state [batch, width, hidden] and the padded width.</summary>
    private (float[] Hidden, int Width) Hidden(IReadOnlyList<EncoderText> texts, ReadOnlySpan<int> batch, CancellationToken cancel)
    {
        var width = 0;
        foreach (var i in batch) width = Math.Max(width, texts[i].Ids.Length);
        var ids = new long[batch.Length * width];
        var mask = new long[ids.Length];
        var types = new long[ids.Length];
        for (var b = 0; b < batch.Length; b++)
        {
            var tokens = texts[batch[b]].Ids;
            for (var t = 0; t < width; t++)
            {
                ids[b * width + t] = t < tokens.Length ? tokens[t] : Tokenizer.PadId;
                mask[b * width + t] = t < tokens.Length ? 1 : 0;
            }
        }
        long[] shape = [batch.Length, width];
        using var idsValue = OrtValue.CreateTensorValueFromMemory(ids, shape);
        using var maskValue = OrtValue.CreateTensorValueFromMemory(mask, shape);
        using var typesValue = OrtValue.CreateTensorValueFromMemory(types, shape);
        using var run = new RunOptions();
        // Cancelling stops a batch already running, not only the next one.
        using var registration = cancel.Register(() => run.Terminate = true);
        try
        {
            using var outputs = _session.Run(run, ["input_ids", "attention_mask", "token_type_ids"],
                [idsValue, maskValue, typesValue], [HiddenOutput]);
            return (outputs[0].GetTensorDataAsSpan<float>().ToArray(), width);
        }
        catch (OnnxRuntimeException) when (cancel.IsCancellationRequested)
        {
            throw new OperationCanceledException(cancel);
        }
    }

    private float[] PoolOne(float[] hidden, int row, int width, int length)
    {
        var pooled = new float[_hidden];
        var offset = row * width * _hidden;
        if (Manifest.Pooling == "cls")
        {
            hidden.AsSpan(offset, _hidden).CopyTo(pooled);
            return pooled;
        }
        for (var t = 0; t < length; t++)
        {
            var state = hidden.AsSpan(offset + t * _hidden, _hidden);
            for (var d = 0; d < _hidden; d++) pooled[d] += state[d];
        }
        for (var d = 0; d < _hidden; d++) pooled[d] /= length;
        return pooled;
    }

    /// <summary>A head's raw logits (before temperature) on a pooled vector.</summary>
    public float[] Logits(int head, ReadOnlySpan<float> pooled)
    {
        var classes = Manifest.Heads[head].Labels.Count;
        var logits = new float[classes];
        for (var k = 0; k < classes; k++) logits[k] = Dot(_headWeights[head].AsSpan(k * _hidden, _hidden), pooled) + _headBias[head][k];
        return logits;
    }

    private float[] Probabilities(int head, ReadOnlySpan<float> pooled)
    {
        var spec = Manifest.Heads[head];
        var classes = spec.Labels.Count;
        var p = Logits(head, pooled);
        for (var k = 0; k < classes; k++) p[k] /= spec.Temperature;
        if (spec.Activation == "sigmoid")
        {
            for (var k = 0; k < classes; k++) p[k] = 1 / (1 + MathF.Exp(-p[k]));
            return p;
        }
        var max = p.Max();
        var sum = 0f;
        for (var k = 0; k < classes; k++) sum += p[k] = MathF.Exp(p[k] - max);
        for (var k = 0; k < classes; k++) p[k] /= sum;
        return p;
    }

    /// <summary>Shares of each binary head's positive logit (softmax over two labels: the margin of "yes" over "no";
    /// sigmoid: the last label's logit). Other heads get zero shares.</summary>
    private TokenContributions Contributions(float[] hidden, int row, int width, EncoderText text)
    {
        var heads = Manifest.Heads.Count;
        var length = text.Ids.Length;
        var shares = new float[length * heads];
        var offset = row * width * _hidden;
        var divisor = Manifest.Pooling == "cls" ? 1f : length;
        for (var h = 0; h < heads; h++)
        {
            var direction = PositiveDirection(h);
            if (direction is null) continue;
            for (var t = 0; t < length; t++)
            {
                if (Manifest.Pooling == "cls" && t > 0) break;
                shares[t * heads + h] = Dot(direction, hidden.AsSpan(offset + t * _hidden, _hidden)) / divisor;
            }
        }
        return new TokenContributions(text, shares, heads);
    }

    private float[]? PositiveDirection(int head)
    {
        var spec = Manifest.Heads[head];
        var weights = _headWeights[head];
        if (spec.Activation == "sigmoid") return weights[^_hidden..];
        if (spec.Labels.Count != 2) return null;
        var direction = new float[_hidden];
        for (var d = 0; d < _hidden; d++) direction[d] = weights[_hidden + d] - weights[d];
        return direction;
    }

    private static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b) => System.Numerics.Tensors.TensorPrimitives.Dot(a, b);

    public void Dispose()
    {
        _session.Dispose();
        _sessionOptions.Dispose();
    }
}
