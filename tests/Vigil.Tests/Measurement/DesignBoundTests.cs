using Vigil.Simulation.Synthetic;
using Vigil.Measurement;

namespace Vigil.Tests.Measurement;

public sealed class DesignBoundTests
{
    [Theory]
    [InlineData(2.5, 0.002)]
    [InlineData(2.5, 0.02)]
    [InlineData(3.0, 0.002)]
    public void Bound_over_plain_sampling_is_the_squared_bhattacharyya_coefficient(double separation, double prevalence)
    {
        // At a loose target (±100%) the sample is a tiny part of the population and the finite-population term vanishes:
        // the bound's ratio to the labels a plain proportion needs by the normal approximation, z²(1−p)/(t²p), is then
        // exp(−d′²/4), the same at every prevalence.
        var population = SyntheticPopulation.Generate(new SyntheticPopulationOptions
        {
            Posts = 500_000, Prevalence = prevalence, ClassifierSeparation = separation, Seed = 9,
        });
        const double z = 1.959963984540054, target = 1.0;
        var plain = z * z * (1 - prevalence) / (target * target * prevalence);

        var ratio = population.LabelsBound(target) / plain;

        var expected = Math.Exp(-separation * separation / 4);
        Assert.InRange(ratio, expected * 0.95, expected * 1.05);
    }

    [Fact]
    public void A_tighter_target_needs_more_labels_and_never_more_than_the_population()
    {
        var population = SyntheticPopulation.Generate(new SyntheticPopulationOptions { Posts = 100_000, Prevalence = 0.001, Seed = 2 });

        var loose = population.LabelsBound(0.5);
        var tight = population.LabelsBound(0.05);

        Assert.True(tight > 2 * loose);
        Assert.True(tight < population.Items.Count);
    }
}
