using Vigil.Measurement;

namespace Vigil.Tests.Measurement;

public sealed class ProportionIntervalTests
{
    [Fact]
    public void Clopper_Pearson_with_no_hits_has_the_closed_form_upper_bound()
    {
        var interval = ProportionInterval.ClopperPearson(0, 10);

        Assert.Equal(0, interval.Lower);
        Assert.Equal(1 - Math.Pow(0.025, 0.1), interval.Upper, 6);
    }

    [Fact]
    public void Clopper_Pearson_with_all_hits_mirrors_no_hits()
    {
        var none = ProportionInterval.ClopperPearson(0, 25);
        var all = ProportionInterval.ClopperPearson(25, 25);

        Assert.Equal(1, all.Upper);
        Assert.Equal(1 - none.Upper, all.Lower, 9);
    }

    [Fact]
    public void Clopper_Pearson_bounds_have_exact_tail_probabilities()
    {
        // At the lower bound, P(X ≥ 7 | n = 40) is 2.5%; at the upper bound, P(X ≤ 7) is 2.5%.
        var interval = ProportionInterval.ClopperPearson(7, 40);

        Assert.Equal(0.025, 1 - BinomialCdf(6, 40, interval.Lower), 6);
        Assert.Equal(0.025, BinomialCdf(7, 40, interval.Upper), 6);
    }

    [Fact]
    public void Rare_event_interval_stays_above_zero_and_is_wider_than_wald_above()
    {
        var exact = ProportionInterval.ClopperPearson(1, 1000);
        var waldHalf = 1.96 * Math.Sqrt(0.001 * 0.999 / 1000);

        Assert.True(exact.Lower > 0);
        Assert.True(exact.Upper > 0.001 + waldHalf);
    }

    [Theory]
    [InlineData(0.975, 1.959964)]
    [InlineData(0.5, 0)]
    [InlineData(0.01, -2.326348)]
    public void Normal_quantile_matches_tables(double p, double expected) =>
        Assert.Equal(expected, ProportionInterval.NormalQuantile(p), 5);

    [Fact]
    public void Wilson_contains_the_estimate_and_stays_in_unit_interval()
    {
        var interval = ProportionInterval.Wilson(1, 3);

        Assert.True(interval.Contains(1.0 / 3));
        Assert.InRange(interval.Lower, 0, 1);
        Assert.InRange(interval.Upper, 0, 1);
    }

    private static double BinomialCdf(int k, int n, double p)
    {
        double sum = 0, term = Math.Pow(1 - p, n);
        for (var i = 0; i <= k; i++)
        {
            sum += term;
            term *= (double)(n - i) / (i + 1) * p / (1 - p);
        }
        return sum;
    }
}
