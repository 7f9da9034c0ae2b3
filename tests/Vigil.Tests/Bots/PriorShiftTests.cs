using Vigil.Bots;

namespace Vigil.Tests.Bots;

public sealed class PriorShiftTests
{
    /// <summary>
    /// Scores x ~ N(+1, 1) for bots and N(−1, 1) for humans: the likelihood ratio is e^(2x), so sigmoid(2x) is the exact
    /// posterior where half the accounts are bots.
    /// </summary>
    private static double[] Probabilities(int count, double botShare, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ =>
        {
            var x = (random.NextDouble() < botShare ? 1 : -1) + Gaussian(random);
            return 1 / (1 + Math.Exp(-2 * x));
        }).ToArray();
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.5)]
    [InlineData(0.8)]
    public void Recovers_the_bot_share_of_a_population_from_probabilities_calibrated_elsewhere(double share)
    {
        var (prior, adjusted) = PriorShift.Adjust(Probabilities(20_000, share, seed: 7), trainingPrior: 0.5);

        Assert.InRange(prior, share - 0.03, share + 0.03);
        Assert.InRange(adjusted.Average(), share - 0.03, share + 0.03);
    }

    [Fact]
    public void Keeps_the_ranking()
    {
        var probabilities = Probabilities(1_000, 0.2, seed: 8);
        var (_, adjusted) = PriorShift.Adjust(probabilities, trainingPrior: 0.5);

        var before = Enumerable.Range(0, probabilities.Length).OrderBy(i => probabilities[i]).ToArray();
        var after = Enumerable.Range(0, adjusted.Length).OrderBy(i => adjusted[i]).ToArray();
        Assert.Equal(before, after);
    }
}
