using Vigil.Simulation.Synthetic;
using Vigil.Measurement;

namespace Vigil.Tests.Measurement;

public sealed class SamplerTests
{
    private static readonly SyntheticPopulation Population =
        SyntheticPopulation.Generate(new SyntheticPopulationOptions { Posts = 20_000, Prevalence = 0.01, Seed = 3 });

    [Theory]
    [InlineData(SamplingDesign.SimpleRandom)]
    [InlineData(SamplingDesign.ScoreStratified)]
    [InlineData(SamplingDesign.ViewsProportional)]
    public void Same_seed_same_sample_other_seed_other_sample(SamplingDesign design)
    {
        var options = new SampleOptions { Design = design, Size = 300, Seed = 42 };
        var first = Ids(Sampler.Draw(Population.Items, options));
        var again = Ids(Sampler.Draw(Population.Items, options));
        var other = Ids(Sampler.Draw(Population.Items, options with { Seed = 43 }));

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void Simple_random_sample_has_distinct_posts_and_equal_inclusion()
    {
        var sample = Sampler.Draw(Population.Items, new SampleOptions { Design = SamplingDesign.SimpleRandom, Size = 500 });

        Assert.Equal(500, sample.Items.Select(i => i.Id).Distinct().Count());
        Assert.All(sample.Items, item => Assert.Equal(500.0 / 20_000, item.InclusionProbability, 12));
    }

    [Fact]
    public void Stratified_allocation_uses_the_whole_budget_with_a_floor_and_favours_high_scores()
    {
        var sample = Sampler.Draw(Population.Items, new SampleOptions { Design = SamplingDesign.ScoreStratified, Size = 1000 });

        Assert.Equal(1000, sample.Strata.Sum(s => s.Sampled));
        Assert.Equal(1000, sample.Items.Count);
        Assert.All(sample.Strata, s => Assert.True(s.Sampled >= Math.Min(10, s.Posts)));
        var top = sample.Strata[^1];
        var bottom = sample.Strata[0];
        // Sampling fraction in the top-score stratum is far above the bottom's: that is the point of the design.
        Assert.True((double)top.Sampled / top.Posts > 20 * (double)bottom.Sampled / bottom.Posts);
        Assert.Equal(20_000, sample.Strata.Sum(s => s.Posts));
    }

    [Fact]
    public void Views_proportional_draws_favour_viewed_posts_and_never_pick_unviewed_ones()
    {
        PopulationItem[] items = [new("a", 0.1, 0), new("b", 0.1, 1), new("c", 0.1, 999), new("d", 0.1, 0)];
        var sample = Sampler.Draw(items, new SampleOptions { Design = SamplingDesign.ViewsProportional, Size = 2000 });

        Assert.Equal(2000, sample.Items.Sum(i => i.Draws));
        Assert.DoesNotContain(sample.Items, i => i.Id is "a" or "d");
        Assert.True(sample.Items.Single(i => i.Id == "c").Draws > 1950);
    }

    private static string[] Ids(MeasurementSample sample) => [.. sample.Items.Select(i => $"{i.Id}x{i.Draws}")];
}
