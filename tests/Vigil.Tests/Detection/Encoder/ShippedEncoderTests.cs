using System.Text.Json;
using Vigil.Detection.Cascade;
using Vigil.Detection.Encoder;

namespace Vigil.Tests.Detection.Encoder;

/// <summary>
/// The shipped encoder (models/encoder/, copied beside the tests by the build) as C# runs it, against what the training
/// pipeline's torch rebuild computed from the same fp16 tensors on the project's own hand-written sentences
/// (<c>vigil-encoder-v5.2.reference.jsonl</c>): the same token ids, and every head's probabilities within 1e-3.
/// </summary>
public sealed class ShippedEncoderTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "encoder");

    [Fact]
    public void Matches_the_training_pipelines_outputs_on_its_reference_sentences()
    {
        var artifact = EncoderArtifact.Load(Path.Combine(Folder, EncoderStage.DefaultManifest));
        using var encoder = TextEncoder.Create(BaseEncoder.LoadDefault(), artifact, new EncoderOptions { Threads = 2 });
        var reference = File.ReadLines(Path.Combine(Folder, "vigil-encoder-v5.2.reference.jsonl"))
            .Select(line => JsonDocument.Parse(line).RootElement).ToArray();
        Assert.True(reference.Length >= 20, $"only {reference.Length} reference sentences");
        var outputs = encoder.Score(reference.Select(r => r.GetProperty("text").GetString()!).ToArray());
        var worst = 0.0;
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
                for (var k = 0; k < values.Length; k++) worst = Math.Max(worst, Math.Abs(values[k] - outputs[i].Probabilities[h][k]));
            }
        }
        Assert.True(worst < 1e-3, $"largest probability difference from torch: {worst:G3}");
    }

    [Fact]
    public void The_detector_loads_the_shipped_encoder()
    {
        using var detector = CascadeDetector.Create(Vigil.Detection.Detector.LoadDefault(), new CascadeOptions { Mode = ScoringMode.Encoder });
        Assert.EndsWith("+vigil-encoder-v5.2", detector.ModelVersion);
    }
}
