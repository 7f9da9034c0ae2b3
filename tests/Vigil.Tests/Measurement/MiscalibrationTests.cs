using Vigil.Simulation.Synthetic;
using Vigil.Measurement;

namespace Vigil.Tests.Measurement;

/// <summary>The design may lean on the classifier for efficiency, never for the honesty of its intervals.</summary>
public sealed class MiscalibrationTests
{
    [Theory]
    [InlineData(1.5, -1.5)] // over-confident and too low: the low strata hide more positives than the score admits
    [InlineData(1.0, -2.0)] // every score about 7× too low
    [InlineData(0.6, 0.0)]  // under-confident
    public void Intervals_cover_with_a_miscalibrated_score(double slope, double offset)
    {
        var population = SyntheticPopulation.Generate(new SyntheticPopulationOptions
        {
            Posts = 200_000, Prevalence = 0.002, ClassifierSeparation = 2.5, Seed = 17, Distortion = new ScoreDistortion(slope, offset),
        });
        var frame = SamplingFrame.Build(population.Items, new SampleOptions { Design = SamplingDesign.ScoreStratified, Size = 1500 });
        const int replications = 300;
        var covered = 0;
        for (var r = 0; r < replications; r++)
        {
            var sample = frame.Draw(5000 + r);
            if (PrevalenceEstimator.Estimate(sample, population.LabelsFor(sample), "x").ByPosts.Interval.Contains(population.PostPrevalence))
                covered++;
        }

        // 94% is the bar; with 300 replications a design at 95% falls below 92.5% about one time in twenty.
        Assert.InRange((double)covered / replications, 0.925, 1.0);
    }

    [Fact]
    public void Recalibration_recovers_a_known_distortion_from_the_labels()
    {
        // s′ = logistic(1.5·logit(s) − 1.5) inverts to logit(s) = logit(s′)/1.5 + 1: intercept 1, slope 2/3.
        var population = SyntheticPopulation.Generate(new SyntheticPopulationOptions
        {
            Posts = 200_000, Prevalence = 0.01, ClassifierSeparation = 2.5, Seed = 3, Distortion = new ScoreDistortion(1.5, -1.5),
        });
        var sample = Sampler.Draw(population.Items, new SampleOptions { Design = SamplingDesign.ScoreStratified, Size = 20_000 });

        var fit = ScoreRecalibration.Fit(sample.Items, population.LabelsFor(sample));

        Assert.InRange(fit.Slope, 2.0 / 3 - 0.07, 2.0 / 3 + 0.07);
        Assert.InRange(fit.Intercept, 1 - 0.35, 1 + 0.35);
    }

    [Fact]
    public void Recalibration_of_a_calibrated_score_is_close_to_the_identity()
    {
        var population = SyntheticPopulation.Generate(new SyntheticPopulationOptions { Posts = 200_000, Prevalence = 0.01, Seed = 4 });
        var sample = Sampler.Draw(population.Items, new SampleOptions { Design = SamplingDesign.ScoreStratified, Size = 20_000 });

        var fit = ScoreRecalibration.Fit(sample.Items, population.LabelsFor(sample));

        Assert.InRange(fit.Slope, 0.93, 1.07);
        Assert.InRange(fit.Intercept, -0.35, 0.35);
    }
}
