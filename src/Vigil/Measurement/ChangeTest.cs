namespace Vigil.Measurement;

/// <summary>The change in prevalence between two periods, with a 95% interval for the difference.</summary>
internal sealed record ChangeEstimate(double Before, double After, double Difference, Interval DifferenceInterval)
{
    /// <summary>After ÷ before; infinite when nothing was found before.</summary>
    public double Ratio => Before > 0 ? After / Before : double.PositiveInfinity;
    public bool RoseSignificantly => DifferenceInterval.Lower > 0;
    public bool FellSignificantly => DifferenceInterval.Upper < 0;
}

/// <summary>
/// "Did it rise after date X, and by how much?" Two independent samples, one per period; the difference's interval is
/// built from each period's own interval by the MOVER method (Newcombe, 1998; Zou and Donner, 2008), so it inherits
/// their honesty near zero instead of assuming normality.
/// </summary>
internal static class ChangeTest
{
    public static ChangeEstimate Compare(PrevalenceEstimate before, PrevalenceEstimate after)
    {
        var difference = after.Value - before.Value;
        var lower = difference - Math.Sqrt(Square(after.Value - after.Interval.Lower) + Square(before.Interval.Upper - before.Value));
        var upper = difference + Math.Sqrt(Square(after.Interval.Upper - after.Value) + Square(before.Value - before.Interval.Lower));
        return new ChangeEstimate(before.Value, after.Value, difference, new Interval(lower, upper));
    }

    private static double Square(double x) => x * x;
}
