namespace Vigil.Measurement;

/// <summary>A two-sided confidence interval for a proportion.</summary>
public readonly record struct Interval(double Lower, double Upper)
{
    public bool Contains(double value) => value >= Lower && value <= Upper;
    public double Width => Upper - Lower;
}

/// <summary>
/// Intervals for proportions that stay honest near 0: the normal ("Wald") interval on 1 hit in 1,000 runs below zero
/// and covers far less than it claims, so the estimators use exact Clopper–Pearson intervals, on an effective sample
/// size when the design is not simple random sampling (Korn and Graubard, 1998).
/// </summary>
public static class ProportionInterval
{
    /// <summary>
    /// Exact binomial interval. <paramref name="successes"/> and <paramref name="trials"/> may be fractional (effective
    /// counts from a complex design); the beta-quantile form is defined for them.
    /// </summary>
    public static Interval ClopperPearson(double successes, double trials, double confidence = 0.95)
    {
        if (trials <= 0) return new Interval(0, 1);
        successes = Math.Clamp(successes, 0, trials);
        var alpha = 1 - confidence;
        var lower = successes <= 0 ? 0 : BetaDistribution.Quantile(alpha / 2, successes, trials - successes + 1);
        var upper = successes >= trials ? 1 : BetaDistribution.Quantile(1 - alpha / 2, successes + 1, trials - successes);
        return new Interval(lower, upper);
    }

    /// <summary>Wilson score interval; used where a closed form is wanted (change tests).</summary>
    internal static Interval Wilson(double successes, double trials, double confidence = 0.95)
    {
        if (trials <= 0) return new Interval(0, 1);
        var z = NormalQuantile(1 - (1 - confidence) / 2);
        var p = successes / trials;
        var denominator = 1 + z * z / trials;
        var centre = (p + z * z / (2 * trials)) / denominator;
        var half = z * Math.Sqrt(p * (1 - p) / trials + z * z / (4 * trials * trials)) / denominator;
        return new Interval(Math.Max(0, centre - half), Math.Min(1, centre + half));
    }

    /// <summary>Acklam's rational approximation of the standard normal quantile (relative error below 1.2e-9).</summary>
    internal static double NormalQuantile(double p)
    {
        if (p <= 0 || p >= 1) throw new ArgumentOutOfRangeException(nameof(p));
        const double low = 0.02425, high = 1 - low;
        if (p < low)
        {
            var q = Math.Sqrt(-2 * PortableMath.Log(p));
            return (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5]) /
                   ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
        }
        if (p > high) return -NormalQuantile(1 - p);
        var r = p - 0.5;
        var s = r * r;
        return (((((A[0] * s + A[1]) * s + A[2]) * s + A[3]) * s + A[4]) * s + A[5]) * r /
               (((((B[0] * s + B[1]) * s + B[2]) * s + B[3]) * s + B[4]) * s + 1);
    }

    private static readonly double[] A = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00];
    private static readonly double[] B = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01];
    private static readonly double[] C = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00];
    private static readonly double[] D = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00];
}
