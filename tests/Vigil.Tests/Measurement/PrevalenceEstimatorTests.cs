using Vigil.Simulation.Synthetic;
using Vigil.Measurement;

namespace Vigil.Tests.Measurement;

public sealed class PrevalenceEstimatorTests
{
    [Fact]
    public void A_census_returns_the_exact_prevalence_by_posts_and_by_views()
    {
        PopulationItem[] items = [new("a", 0.9, 100), new("b", 0.2, 300), new("c", 0.1, 50), new("d", 0.6, 50)];
        bool[] truth = [true, false, false, true];
        var sample = Sampler.Draw(items, new SampleOptions { Design = SamplingDesign.SimpleRandom, Size = 4 });

        var result = PrevalenceEstimator.Estimate(sample, Labels(sample, items, truth), "hateful");

        Assert.Equal(0.5, result.ByPosts.Value, 12);
        Assert.Equal(150.0 / 500, result.ByViews.Value, 12);
        Assert.Contains("hateful", result.ByPosts.Numerator);
    }

    [Theory]
    [InlineData(SamplingDesign.SimpleRandom)]
    [InlineData(SamplingDesign.ScoreStratified)]
    [InlineData(SamplingDesign.ViewsProportional)]
    public void Estimates_are_unbiased_and_intervals_cover_at_the_nominal_rate(SamplingDesign design)
    {
        // A smaller run of the validation study: 300 samples from one population with known truth.
        var population = SyntheticPopulation.Generate(new SyntheticPopulationOptions { Posts = 50_000, Prevalence = 0.02, Seed = 11 });
        var frame = SamplingFrame.Build(population.Items, new SampleOptions { Design = design, Size = 800 });
        var truth = design == SamplingDesign.ViewsProportional ? population.ViewPrevalence : population.PostPrevalence;
        double sum = 0;
        var covered = 0;
        const int replications = 300;
        for (var r = 0; r < replications; r++)
        {
            var sample = frame.Draw(1000 + r);
            var result = PrevalenceEstimator.Estimate(sample, population.LabelsFor(sample), "hateful");
            var estimate = design == SamplingDesign.ViewsProportional ? result.ByViews : result.ByPosts;
            sum += estimate.Value;
            if (estimate.Interval.Contains(truth)) covered++;
        }

        Assert.InRange(sum / replications, truth * 0.93, truth * 1.07);
        Assert.InRange((double)covered / replications, 0.92, 1.0);
    }

    [Fact]
    public void Stratification_narrows_the_interval_for_a_rare_category()
    {
        var population = SyntheticPopulation.Generate(new SyntheticPopulationOptions { Posts = 100_000, Prevalence = 0.002, Seed = 5 });
        double Width(SamplingDesign design)
        {
            var frame = SamplingFrame.Build(population.Items, new SampleOptions { Design = design, Size = 3000 });
            double total = 0;
            for (var r = 0; r < 50; r++)
            {
                var sample = frame.Draw(r);
                total += PrevalenceEstimator.Estimate(sample, population.LabelsFor(sample), "x").ByPosts.Interval.Width;
            }
            return total / 50;
        }

        Assert.True(Width(SamplingDesign.ScoreStratified) < 0.6 * Width(SamplingDesign.SimpleRandom));
    }

    [Fact]
    public void Wrong_number_of_labels_is_an_error()
    {
        PopulationItem[] items = [new("a", 0.5, 1), new("b", 0.5, 1)];
        var sample = Sampler.Draw(items, new SampleOptions { Design = SamplingDesign.SimpleRandom, Size = 2 });

        Assert.Throws<ArgumentException>(() => PrevalenceEstimator.Estimate(sample, [true], "x"));
    }

    private static bool[] Labels(MeasurementSample sample, PopulationItem[] items, bool[] truth) =>
        [.. sample.Items.Select(i => truth[Array.FindIndex(items, x => x.Id == i.Id)])];
}
