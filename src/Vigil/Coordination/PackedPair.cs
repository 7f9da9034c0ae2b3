namespace Vigil.Coordination;

/// <summary>
/// Two non-negative numbers (accounts, messages) in one long, the first in the high half: sorting the longs sorts the
/// pairs by (first, second), with no comparer and no tuple.
/// </summary>
internal static class PackedPair
{
    public static long Of(int first, int second) => ((long)first << 32) | (uint)second;

    /// <summary>The pair with the smaller number first, so (a, b) and (b, a) are one key.</summary>
    public static long Unordered(int a, int b) => a < b ? Of(a, b) : Of(b, a);

    public static int First(long pair) => (int)(pair >> 32);

    public static int Second(long pair) => (int)(uint)pair;
}
