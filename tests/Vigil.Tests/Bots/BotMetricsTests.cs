using Vigil.Bots;

namespace Vigil.Tests.Bots;

public sealed class BotMetricsTests
{
    [Fact]
    public void Auc_counts_correctly_ordered_pairs_and_ties_as_half()
    {
        // Pairs (positive, negative): (0.35,0.1) ok, (0.35,0.4) wrong, (0.8,0.1) ok, (0.8,0.4) ok: 3 of 4.
        Assert.Equal(0.75, BotMetrics.Auc([0.1, 0.4, 0.35, 0.8], [false, false, true, true]), 12);
        Assert.Equal(0.5, BotMetrics.Auc([0.3, 0.3, 0.3], [true, false, false]), 12);
        Assert.Equal(0.0, BotMetrics.Auc([0.9, 0.1], [false, true]), 12);
    }

    [Fact]
    public void Auc_is_undefined_with_one_class()
    {
        Assert.True(double.IsNaN(BotMetrics.Auc([0.1, 0.2], [true, true])));
    }

    [Fact]
    public void Precision_recall_and_f1_at_a_threshold()
    {
        // At 0.5: predicted bots 0.6 (bot), 0.7 (human), 0.9 (bot); missed bot 0.2. P = 2/3, R = 2/3.
        var m = BotMetrics.AtThreshold([0.6, 0.7, 0.9, 0.2, 0.1], [true, false, true, true, false], 0.5);

        Assert.Equal(2.0 / 3, m.Precision, 12);
        Assert.Equal(2.0 / 3, m.Recall, 12);
        Assert.Equal(2.0 / 3, m.F1, 12);
    }

    [Fact]
    public void Youden_j_is_zero_for_calling_everyone_a_bot()
    {
        Assert.Equal(0, BotMetrics.YoudenJ([0.6, 0.7, 0.9], [true, false, true], 0.05));
        Assert.Equal(1, BotMetrics.YoudenJ([0.6, 0.4, 0.9], [true, false, true], 0.5));
    }
}
