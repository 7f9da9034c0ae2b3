namespace Vigil.Model;

/// <summary>
/// The one generator for everything seeded (the simulator, samples, Louvain, training splits, appeals): xoshiro256**
/// seeded through SplitMix64. Our own rather than <see cref="Random"/>, which promises no sequence across .NET
/// releases: "same seed, same numbers, for anyone" is what makes a report re-run to the same bytes. Each stage of a
/// computation can take its own stream (<see cref="Fork"/>), so tuning one stage leaves the draws of the others untouched.
/// </summary>
public sealed class SeededRandom
{
    private readonly ulong _seed;
    private ulong _s0, _s1, _s2, _s3;

    /// <summary>A generator for <paramref name="seed"/>; negative seeds are as good as any (their bits are used).</summary>
    public SeededRandom(long seed)
        : this(unchecked((ulong)seed))
    {
    }

    public SeededRandom(ulong seed)
    {
        _seed = seed;
        var x = seed;
        _s0 = SplitMix(ref x);
        _s1 = SplitMix(ref x);
        _s2 = SplitMix(ref x);
        _s3 = SplitMix(ref x);
    }

    /// <summary>An independent stream for one named stage; the same (seed, stream) always gives the same draws.</summary>
    public SeededRandom Fork(ulong stream) => new(_seed ^ (stream * 0x9E3779B97F4A7C15UL) ^ 0xD1B54A32D192ED03UL);

    internal ulong NextUInt64()
    {
        var result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [0, n), by multiplying 32 random bits (bias below n / 2^32).</summary>
    public int Next(int n) => (int)(((NextUInt64() >> 32) * (ulong)n) >> 32);

    /// <summary>Uniform in [min, maxExclusive).</summary>
    public int Next(int min, int maxExclusive) => min + Next(maxExclusive - min);

    /// <summary>Fisher–Yates, in place.</summary>
    internal void Shuffle<T>(Span<T> items)
    {
        for (var i = items.Length - 1; i > 0; i--)
        {
            var j = Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    public long NextLong(long n) => (long)(NextDouble() * n);

    public bool Chance(double p) => NextDouble() < p;

    public T Pick<T>(T[] items) => items[Next(items.Length)];

    public double Exponential(double mean) => -mean * Math.Log(1.0 - NextDouble());

    public double Normal()
    {
        // Box–Muller without caching the second value: simpler state, and draws stay one-per-call for reproducibility.
        var u1 = 1.0 - NextDouble();
        var u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    public double LogNormal(double median, double sigma) => median * Math.Exp(sigma * Normal());

    public int Poisson(double lambda)
    {
        if (lambda <= 0) return 0;
        if (lambda > 30) return Math.Max(0, (int)Math.Round(lambda + Math.Sqrt(lambda) * Normal()));
        var limit = Math.Exp(-lambda);
        var k = 0;
        var product = NextDouble();
        while (product > limit)
        {
            k++;
            product *= NextDouble();
        }
        return k;
    }

    /// <summary>Index drawn with probability proportional to <paramref name="cumulative"/>'s increments.</summary>
    public int PickCumulative(double[] cumulative)
    {
        var x = NextDouble() * cumulative[^1];
        var index = Array.BinarySearch(cumulative, x);
        index = index < 0 ? ~index : index + 1;
        return Math.Min(index, cumulative.Length - 1);
    }

    private static ulong SplitMix(ref ulong x)
    {
        var z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
