using Vigil.Detection;

namespace Vigil.Tests.Detection;

/// <summary>Contracts the scoring hot paths rely on when they take a shortcut around the plain API.</summary>
public class HotPathContractTests
{
    [Theory]
    [InlineData("")]
    [InlineData("jews")]
    [InlineData("israel's")]
    [InlineData("Москва")]
    [InlineData("naïve_word42")]
    public void Hashing_a_word_char_by_char_equals_hashing_it_whole(string word)
    {
        // The tokenizer hashes while it scans; the lexicon and the model are keyed by FeatureHash.Word.
        var hash = FeatureHash.WordSeed;
        foreach (var c in word) hash = FeatureHash.WordStep(hash, c);
        Assert.Equal(FeatureHash.Word(word), FeatureHash.Finalize(hash));
    }

    [Fact]
    public void Model_keeps_its_weights_as_given_and_saves_them()
    {
        // The model keeps its rows in its own aligned copy; what it hands out and saves must be what it was given.
        const int bits = 10;
        var weights = new float[(1 << bits) * DetectorModel.Outputs];
        for (var i = 0; i < weights.Length; i++) weights[i] = (i % 97 - 48) / 16f; // exact in half precision
        var calibration = new Calibration(1, 0, 0.5f, 1, 0, 0.5f, 1, 1);
        var model = new DetectorModel("test", bits, weights, new float[DetectorModel.Outputs], calibration);
        Assert.Equal(weights, model.Weights.ToArray());

        using var stream = new MemoryStream();
        model.Save(stream);
        stream.Position = 0;
        var loaded = DetectorModel.Load(stream, "test");
        Assert.Equal(weights, loaded.Weights.ToArray());
    }
}
