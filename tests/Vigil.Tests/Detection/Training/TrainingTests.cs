using Vigil.Tests.Detection;
using Vigil.Detection;
using Vigil.Detection.Training;

namespace Vigil.Tests.Detection.Training;

public sealed class TrainingTests
{
    // Hand-written toy corpus: enough for every head to see both kinds of label (DistillationTests trains on it too).
    internal static readonly LabeledText[] Corpus =
    [
        new("toy", DataSplit.Train, "the bankers are vermin and must go") { Antisemitic = 1, Hateful = 1, Hx3 = 0, Target = 0 },
        new("toy", DataSplit.Train, "lovely walk by the river this morning") { Antisemitic = 0, Hateful = 0, Hx3 = 2, Target = 2 },
        new("toy", DataSplit.Train, "what an idiot, shut up already") { Hateful = 0, Hx3 = 1, Target = 2 },
        new("toy", DataSplit.Train, "those people are parasites on our town") { Hateful = 1, Hx3 = 0, Target = 1 },
        new("toy", DataSplit.Dev, "vermin like them must go") { Antisemitic = 1, Hateful = 1, Hx3 = 0, Target = 0 },
        new("toy", DataSplit.Dev, "a calm morning by the river") { Antisemitic = 0, Hateful = 0, Hx3 = 2, Target = 2 },
    ];

    private static byte[] TrainBytes(int seed)
    {
        var (model, _) = DetectorTrainer.Train(Corpus, new TrainOptions { Seed = seed, HashBits = 12, Epochs = 3 }, "toy");
        using var stream = new MemoryStream();
        model.Save(stream);
        return stream.ToArray();
    }

    [Fact]
    public void Same_seed_gives_byte_identical_models_and_another_seed_does_not()
    {
        Assert.Equal(TrainBytes(1), TrainBytes(1));
        Assert.NotEqual(TrainBytes(1), TrainBytes(2));
    }

    [Fact]
    public void A_saved_model_loads_and_scores_as_trained()
    {
        var bytes = TrainBytes(3);
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(path, bytes);
            var detector = Detector.Load(path);
            Assert.Equal("toy", detector.ModelVersion);
            var session = detector.CreateSession();
            Assert.True(session.Score("the bankers are vermin").PHateful > session.Score("a lovely river walk").PHateful);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Seeded_splits_are_stable_and_roughly_80_10_10()
    {
        var counts = new int[3];
        for (var i = 0; i < 10_000; i++) counts[(int)TrainingCorpus.SeededSplit(i.ToString(), 1)]++;
        Assert.InRange(counts[(int)DataSplit.Train], 7_700, 8_300);
        Assert.InRange(counts[(int)DataSplit.Dev], 850, 1_150);
        Assert.Equal(TrainingCorpus.SeededSplit("abc", 1), TrainingCorpus.SeededSplit("abc", 1));
    }
}
