using Vigil.Bots;

namespace Vigil.Tests.Bots;

public sealed class PopulationScaleTests
{
    private static double[] Row(double following, double? verified = null, double clusterMember = double.NaN)
    {
        var row = Enumerable.Repeat(double.NaN, Enum.GetValues<BotFeature>().Length).ToArray();
        row[(int)BotFeature.LogFollowing] = following;
        if (verified is { } v) row[(int)BotFeature.Verified] = v;
        row[(int)BotFeature.ClusterMember] = clusterMember;
        return row;
    }

    [Fact]
    public void A_value_is_read_as_robust_standard_deviations_from_the_population_median()
    {
        // 1..101: median 51, median absolute deviation 25, so the robust spread is 1.4826 × 25.
        var rows = Enumerable.Range(1, 101).Select(i => Row(i)).ToArray();
        var scale = PopulationScale.Of(rows);

        var probe = Row(51 + 1.4826 * 25 * 2);
        scale.Apply(probe);

        Assert.Equal(2, probe[(int)BotFeature.LogFollowing], 9);
    }

    [Fact]
    public void A_shifted_population_reads_the_same_as_the_original()
    {
        var original = Enumerable.Range(0, 200).Select(i => Row(Math.Sin(i) * 3)).ToArray();
        var shifted = original.Select(r => Row(r[(int)BotFeature.LogFollowing] + 7)).ToArray();
        var a = PopulationScale.Of(original);
        var b = PopulationScale.Of(shifted);

        var x = Row(1.5);
        var y = Row(8.5);
        a.Apply(x);
        b.Apply(y);

        Assert.Equal(x[(int)BotFeature.LogFollowing], y[(int)BotFeature.LogFollowing], 9);
    }

    [Fact]
    public void A_mostly_constant_flag_falls_back_to_the_standard_deviation_and_fixed_evidence_and_missing_values_stay()
    {
        // 90 unverified, 10 verified: the median absolute deviation is 0, the standard deviation 0.3.
        var rows = Enumerable.Range(0, 100).Select(i => Row(i, verified: i < 10 ? 1 : 0, clusterMember: 1)).ToArray();
        var scale = PopulationScale.Of(rows);

        var probe = Row(double.NaN, verified: 1, clusterMember: 1);
        scale.Apply(probe);

        Assert.Equal(1 / 0.3, probe[(int)BotFeature.Verified], 9);
        Assert.Equal(1, probe[(int)BotFeature.ClusterMember]);
        Assert.True(double.IsNaN(probe[(int)BotFeature.LogFollowing]));
    }
}
