using Vigil.Measurement;

namespace Vigil.Tests.Measurement;

public sealed class StrataRuleTests
{
    // Scores skewed toward 0, as a rare category's are: s = u³ for u evenly spread over (0, 1).
    private static readonly PopulationItem[] Skewed =
        [.. Enumerable.Range(0, 40_000).Select(i => new PopulationItem($"p{i}", Math.Pow((i + 0.5) / 40_000, 3), 1))];

    [Fact]
    public void Score_chosen_strata_hold_equal_shares_of_the_residual_deviation()
    {
        var frame = SamplingFrame.Build(Skewed, new SampleOptions { Design = SamplingDesign.ScoreStratified, Size = 1000, StrataCount = 8 });

        var shares = DeviationShares(frame.Strata);
        Assert.Equal(8, shares.Length);
        Assert.All(shares, share => Assert.InRange(share, 0.98 / 8, 1.02 / 8));
    }

    [Fact]
    public void Fixed_quantile_strata_on_the_same_scores_do_not_equalise_the_deviation()
    {
        // The property above is not automatic: equal-count strata put most of the deviation in the top ones.
        var frame = SamplingFrame.Build(Skewed, new SampleOptions
        {
            Design = SamplingDesign.ScoreStratified, Size = 1000, StratumQuantiles = [0.125, 0.25, 0.375, 0.5, 0.625, 0.75, 0.875],
        });

        var shares = DeviationShares(frame.Strata);
        Assert.True(shares.Max() > 2 * shares.Min());
    }

    [Fact]
    public void Allocation_is_proportional_to_size_times_expected_residual_deviation_above_the_floor()
    {
        var frame = SamplingFrame.Build(Skewed, new SampleOptions
        {
            Design = SamplingDesign.ScoreStratified, Size = 1000, MinimumPerStratum = 30,
            StratumQuantiles = [0.5, 0.7, 0.8, 0.9, 0.95, 0.99],
        });
        var strata = frame.Strata;

        Assert.Equal(1000, strata.Sum(s => s.Sampled));
        var free = strata.Where(s => s.Sampled > 30 && s.Sampled < s.Posts).ToList();
        Assert.True(free.Count >= 3);
        var perWeight = free.Sum(s => s.Sampled) / free.Sum(Weight);
        Assert.All(free, s => Assert.InRange(s.Sampled, perWeight * Weight(s) - 1, perWeight * Weight(s) + 1));
        // Strata Neyman would give fewer than the floor get exactly the floor, and would get fewer by weight.
        Assert.All(strata.Except(free), s => Assert.True(s.Sampled == 30 && perWeight * Weight(s) < 30));
    }

    [Fact]
    public void Unscored_posts_make_one_stratum_sampled_whole_to_the_budget()
    {
        PopulationItem[] items = [.. Enumerable.Range(0, 500).Select(i => new PopulationItem($"p{i}", 0, 1))];
        var sample = Sampler.Draw(items, new SampleOptions { Design = SamplingDesign.ScoreStratified, Size = 120 });

        Assert.Single(sample.Strata);
        Assert.Equal(120, sample.Items.Count);
    }

    private static double Weight(Stratum s) => s.Posts * Math.Sqrt(s.ExpectedResidualVariance);

    private static double[] DeviationShares(IReadOnlyList<Stratum> strata)
    {
        var sums = new double[strata.Count];
        foreach (var item in Skewed)
        {
            var h = strata.Count(s => item.Score >= s.ScoreFrom) - 1;
            sums[h] += Math.Sqrt(item.Score * (1 - item.Score));
        }
        var total = sums.Sum();
        return [.. sums.Select(s => s / total)];
    }
}
