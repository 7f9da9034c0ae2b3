using Vigil.Pipeline;

namespace Vigil.Tests.Pipeline;

public sealed class BinaryScoreTests
{
    [Fact]
    public void Counts_each_outcome_and_reads_precision_recall_f1()
    {
        var score = default(BinaryScore)
            .Add(predicted: true, actual: true).Add(true, true).Add(true, true)
            .Add(true, false)
            .Add(false, true)
            .Add(false, false).Add(false, false);

        Assert.Equal((3, 1, 1, 2), (score.TruePositives, score.FalsePositives, score.FalseNegatives, score.TrueNegatives));
        Assert.Equal(0.75, score.Precision, 12);
        Assert.Equal(0.75, score.Recall, 12);
        Assert.Equal(0.75, score.F1, 12);
    }

    [Fact]
    public void Nothing_flagged_and_nothing_true_reads_as_zero_not_nan()
    {
        var score = default(BinaryScore).Add(false, false);

        Assert.Equal(0, score.Precision);
        Assert.Equal(0, score.Recall);
        Assert.Equal(0, score.F1);
    }
}
