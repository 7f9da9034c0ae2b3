using System.Text.Json;
using Vigil.Detection.Cascade;
using Vigil.Detection.Encoder;

namespace Vigil.Tests.Detection.Encoder;

/// <summary>
/// The shipped int8 encoder (models/encoder/, copied beside the tests by the build) as C# runs it, against the training
/// pipeline's outputs on the project's own hand-written sentences: the same token ids; every head's probabilities close
/// to training/quantize.py's torch emulation of the int8 graph (<c>vigil-encoder-v5.2-int8.reference.jsonl</c>); and
/// within the quantisation error of the fp32 model it was made from (<c>vigil-encoder-v5.2.reference.jsonl</c>).
/// </summary>
public sealed class ShippedEncoderTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "encoder");

    /// <summary>Both score one sentence per batch (the activations' uint8 scale is one per batch tensor). On more than
    /// half of the sentences ONNX Runtime's fused int8 kernels and the emulation agree to 1e-5; on the rest they part by
    /// up to 0.095 (measured: mean 0.0012, 99th percentile 0.035), a discrete divergence in the runtime's kernels not
    /// traced yet. The bounds hold that with a margin; a wrong graph (a scale, a transposed weight) misses them by far.</summary>
    [Fact]
    public void Matches_the_emulated_int8_graph_on_its_reference_sentences()
    {
        var (worst, mean) = Compare("vigil-encoder-v5.2-int8.reference.jsonl");
        Assert.True(mean < 0.004, $"mean probability difference from the emulation: {mean:G3}");
        Assert.True(worst < 0.15, $"largest probability difference from the emulation: {worst:G3}");
    }

    /// <summary>Quantisation error against the fp32 model (torch over the fp16 tensors). The bounds are a little above
    /// what was measured on these sentences (mean 0.0158 over every probability, largest 0.142): a larger gap means a
    /// broken graph, not int8 rounding. Accuracy is judged by <c>vigil eval</c> on dev, not here.</summary>
    [Fact]
    public void Stays_within_int8_error_of_the_fp32_model_it_was_made_from()
    {
        var (worst, mean) = Compare("vigil-encoder-v5.2.reference.jsonl");
        Assert.True(mean < 0.025, $"mean probability difference from fp32: {mean:G3}");
        Assert.True(worst < 0.2, $"largest probability difference from fp32: {worst:G3}");
    }

    private static (double Worst, double Mean) Compare(string referenceFile)
    {
        var artifact = EncoderArtifact.Load(Path.Combine(Folder, EncoderStage.DefaultManifest));
        using var encoder = TextEncoder.Create(BaseEncoder.LoadDefault(), artifact, new EncoderOptions { Threads = 2 });
        var reference = File.ReadLines(Path.Combine(Folder, referenceFile)).Select(line => JsonDocument.Parse(line).RootElement).ToArray();
        Assert.True(reference.Length >= 20, $"only {reference.Length} reference sentences");
        var outputs = encoder.Score(reference.Select(r => r.GetProperty("text").GetString()!).ToArray());
        double worst = 0, total = 0;
        var count = 0;
        for (var i = 0; i < reference.Length; i++)
        {
            var text = reference[i].GetProperty("text").GetString()!;
            var expectedIds = reference[i].GetProperty("input_ids").EnumerateArray().Select(e => e.GetInt32()).ToArray();
            Assert.Equal(expectedIds, encoder.Prepare(text).Ids);
            var probabilities = reference[i].GetProperty("probabilities");
            for (var h = 0; h < artifact.Manifest.Heads.Count; h++)
            {
                var expected = probabilities.GetProperty(artifact.Manifest.Heads[h].Name);
                var values = expected.ValueKind == JsonValueKind.Array ? expected.EnumerateArray().Select(e => e.GetDouble()).ToArray() : [expected.GetDouble()];
                for (var k = 0; k < values.Length; k++)
                {
                    var difference = Math.Abs(values[k] - outputs[i].Probabilities[h][k]);
                    worst = Math.Max(worst, difference);
                    total += difference;
                    count++;
                }
            }
        }
        return (worst, total / count);
    }

    [Fact]
    public void A_texts_scores_do_not_depend_on_the_texts_scored_with_it()
    {
        var artifact = EncoderArtifact.Load(Path.Combine(Folder, EncoderStage.DefaultManifest));
        using var encoder = TextEncoder.Create(BaseEncoder.LoadDefault(), artifact, new EncoderOptions { Threads = 2 });
        const string text = "they control the banks and the media, everyone knows it";
        var alone = encoder.Score([text])[0].Probabilities;
        var among = encoder.Score(["a much longer neighbour with loud words!!! HATE HATE HATE and more words to pad it out", text, "ok"])[1].Probabilities;
        for (var h = 0; h < alone.Length; h++) Assert.Equal(alone[h], among[h]);
    }

    [Fact]
    public void The_detector_loads_the_shipped_encoder()
    {
        using var detector = CascadeDetector.Create(Vigil.Detection.Detector.LoadDefault(), new CascadeOptions { Mode = ScoringMode.Encoder });
        Assert.EndsWith("+vigil-encoder-v5.2-int8", detector.ModelVersion);
    }
}
