using Vigil.Measurement;

namespace Vigil.Tests.Measurement;

public sealed class ChangeAndAgreementTests
{
    [Fact]
    public void A_doubling_with_enough_labels_is_a_significant_rise()
    {
        var change = ChangeTest.Compare(Estimate(20, 2000), Estimate(40, 2000));

        Assert.True(change.RoseSignificantly);
        Assert.Equal(0.01, change.Difference, 12);
        Assert.Equal(2, change.Ratio, 12);
        Assert.True(change.DifferenceInterval.Contains(0.01));
    }

    [Fact]
    public void Equal_periods_show_no_significant_change()
    {
        var change = ChangeTest.Compare(Estimate(20, 2000), Estimate(21, 2000));

        Assert.False(change.RoseSignificantly);
        Assert.False(change.FellSignificantly);
        Assert.True(change.DifferenceInterval.Contains(0));
    }

    [Fact]
    public void Alpha_is_one_for_perfect_agreement()
    {
        string[][] units = [["hate", "hate"], ["ok", "ok", "ok"], ["hate", "hate"]];

        Assert.Equal(1, Agreement.KrippendorffAlpha(units), 12);
    }

    [Fact]
    public void Alpha_matches_a_hand_computed_case()
    {
        // Values a,a | a,b | b,b | b,b: n = 8, n_a = 3, n_b = 5, two disagreeing ordered pairs.
        // α = 1 − (n − 1)·D_o / D_e = 1 − 7·2 / (2·3·5) = 8/15.
        string[][] units = [["a", "a"], ["a", "b"], ["b", "b"], ["b", "b"]];

        Assert.Equal(8.0 / 15, Agreement.KrippendorffAlpha(units), 12);
    }

    [Fact]
    public void Alpha_ignores_units_with_one_label_and_is_undefined_without_variation()
    {
        string[][] single = [["a"], ["b"]];
        string[][] uniform = [["a", "a"], ["a", "a"]];

        Assert.True(double.IsNaN(Agreement.KrippendorffAlpha(single)));
        Assert.True(double.IsNaN(Agreement.KrippendorffAlpha(uniform)));
    }

    private static PrevalenceEstimate Estimate(int hits, int n)
    {
        var p = (double)hits / n;
        return new PrevalenceEstimate(p, ProportionInterval.ClopperPearson(hits, n), Math.Sqrt(p * (1 - p) / n), n, n, hits, "x", "y");
    }
}
