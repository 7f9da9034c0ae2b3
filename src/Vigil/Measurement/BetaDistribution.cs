namespace Vigil.Measurement;

/// <summary>
/// The regularised incomplete beta function and its inverse, which give exact (Clopper–Pearson) binomial intervals.
/// Written here rather than taken from a statistics package because it is forty lines and the package would be the
/// engine's only reason to depend on one. Logarithms and exponentials come from <see cref="PortableMath"/>, not the C
/// library, so the same counts give the same interval, to the bit, on every platform.
/// </summary>
internal static class BetaDistribution
{
    private const int MaxIterations = 300;
    private const double Epsilon = 1e-15;
    private const double Tiny = 1e-300;

    /// <summary>I_x(a, b): the CDF at <paramref name="x"/> of a Beta(a, b) variable.</summary>
    public static double Cdf(double x, double a, double b)
    {
        if (x <= 0) return 0;
        if (x >= 1) return 1;
        var logFront = LogGamma(a + b) - LogGamma(a) - LogGamma(b) + a * PortableMath.Log(x) + b * PortableMath.Log(1 - x);
        // The continued fraction converges fast only on one side of the mean; use the symmetry I_x(a,b) = 1 - I_{1-x}(b,a).
        return x < (a + 1) / (a + b + 2)
            ? PortableMath.Exp(logFront) * ContinuedFraction(x, a, b) / a
            : 1 - PortableMath.Exp(logFront) * ContinuedFraction(1 - x, b, a) / b;
    }

    /// <summary>The <paramref name="p"/>-quantile of Beta(a, b), by bisection: slow in theory, exact enough and cheap here.</summary>
    public static double Quantile(double p, double a, double b)
    {
        double low = 0, high = 1;
        for (var i = 0; i < 200 && high - low > 1e-14; i++)
        {
            var mid = 0.5 * (low + high);
            if (Cdf(mid, a, b) < p) low = mid; else high = mid;
        }
        return 0.5 * (low + high);
    }

    /// <summary>Lentz's method for the continued fraction of the incomplete beta function.</summary>
    private static double ContinuedFraction(double x, double a, double b)
    {
        var c = 1.0;
        var d = 1 - (a + b) * x / (a + 1);
        if (Math.Abs(d) < Tiny) d = Tiny;
        d = 1 / d;
        var result = d;
        for (var m = 1; m <= MaxIterations; m++)
        {
            var m2 = 2 * m;
            var numerator = m * (b - m) * x / ((a + m2 - 1) * (a + m2));
            d = 1 + numerator * d; if (Math.Abs(d) < Tiny) d = Tiny;
            c = 1 + numerator / c; if (Math.Abs(c) < Tiny) c = Tiny;
            d = 1 / d;
            result *= d * c;
            numerator = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1));
            d = 1 + numerator * d; if (Math.Abs(d) < Tiny) d = Tiny;
            c = 1 + numerator / c; if (Math.Abs(c) < Tiny) c = Tiny;
            d = 1 / d;
            var delta = d * c;
            result *= delta;
            if (Math.Abs(delta - 1) < Epsilon) break;
        }
        return result;
    }

    /// <summary>
    /// Lanczos approximation (g = 7, n = 9), accurate to about 15 digits, for x &gt; 0 (counts are never negative). Below ½
    /// the recurrence Γ(x) = Γ(x+1)/x replaces the reflection formula, which would need a sine from the C library.
    /// </summary>
    public static double LogGamma(double x)
    {
        if (x < 0.5) return LogGamma(x + 1) - PortableMath.Log(x);
        x -= 1;
        var sum = LanczosCoefficients[0];
        for (var i = 1; i < LanczosCoefficients.Length; i++) sum += LanczosCoefficients[i] / (x + i);
        var t = x + 7.5;
        return HalfLogTwoPi + (x + 0.5) * PortableMath.Log(t) - t + PortableMath.Log(sum);
    }

    private static readonly double HalfLogTwoPi = 0.5 * PortableMath.Log(2 * Math.PI);

    private static readonly double[] LanczosCoefficients =
    [
        0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
        12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
    ];
}
