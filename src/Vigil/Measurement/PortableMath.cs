namespace Vigil.Measurement;

/// <summary>
/// Natural logarithm and exponential built from IEEE-754 addition, multiplication and division alone, which every
/// platform rounds the same way. <see cref="Math.Log(double)"/> and <see cref="Math.Exp"/> call the C library, and C
/// libraries (glibc, the Windows CRT, Apple's libm) may differ in the last bit; a published interval must not. Accurate to
/// about two units in the last place, which is far below what a 95% interval shown to six decimals can resolve.
/// </summary>
internal static class PortableMath
{
    // ln 2 split so that k · Ln2High is exact for |k| < 2^11: its low 11 bits are zero (Cody and Waite).
    private const double Ln2High = 6.93147180369123816490e-01;
    private const double Ln2Low = 1.90821492927058770002e-10;
    private const double InverseLn2 = 1.44269504088896338700e+00;
    private const double Sqrt2 = 1.41421356237309514547;

    public static double Exp(double x)
    {
        if (double.IsNaN(x)) return x;
        if (x > 709.782712893384) return double.PositiveInfinity;
        if (x < -745.1332191019412) return 0;
        // x = k·ln2 + r with |r| ≤ ln2/2, so e^x = 2^k · e^r, and e^r converges fast as a series.
        var k = Math.Round(x * InverseLn2);
        var r = x - k * Ln2High - k * Ln2Low;
        // Taylor series to r^17/17!: below 1e-19 of the sum for |r| ≤ 0.35.
        var sum = 1.0;
        for (var n = 17; n >= 1; n--) sum = 1 + sum * r / n;
        return Math.ScaleB(sum, (int)k);
    }

    public static double Log(double x)
    {
        if (double.IsNaN(x) || x < 0) return double.NaN;
        if (x == 0) return double.NegativeInfinity;
        if (double.IsPositiveInfinity(x)) return x;
        // x = m · 2^e with m in [√½, √2), so ln x = e·ln2 + ln m and ln m = 2·atanh(s) with |s| ≤ 0.172.
        var e = Math.ILogB(x);
        var m = Math.ScaleB(x, -e);
        if (m >= Sqrt2)
        {
            m *= 0.5;
            e++;
        }
        var s = (m - 1) / (m + 1);
        var s2 = s * s;
        // atanh(s) = s · Σ s^(2n) / (2n+1); 13 terms leave less than 1e-20.
        var series = 0.0;
        for (var n = 13; n >= 0; n--) series = 1.0 / (2 * n + 1) + series * s2;
        return e * Ln2High + (e * Ln2Low + 2 * s * series);
    }
}
