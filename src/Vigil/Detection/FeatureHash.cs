using System.Runtime.CompilerServices;

namespace Vigil.Detection;

/// <summary>
/// The hashes behind every feature. Fixed forever for a given model format: changing one silently breaks every model
/// file, which is why the model stores <see cref="FeatureExtractor.FeatureVersion"/>.
/// </summary>
internal static class FeatureHash
{
    private const uint FnvOffset = 2166136261;
    private const uint FnvPrime = 16777619;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Word(ReadOnlySpan<char> word)
    {
        var hash = WordSeed;
        foreach (var c in word) hash = WordStep(hash, c);
        return Finalize(hash);
    }

    /// <summary>
    /// <see cref="Word"/> a char at a time, for a caller already scanning the word (the tokenizer):
    /// <c>Finalize(WordStep(…WordStep(WordSeed, w[0])…, w[^1]))</c> equals <c>Word(w)</c>.
    /// </summary>
    public const uint WordSeed = FnvOffset;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint WordStep(uint hash, char c) => (hash ^ c) * FnvPrime;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Combine(uint first, uint second) => Finalize(first * 0x85EBCA6Bu ^ (second + 0x7F4A7C15u));

    /// <summary>Murmur3's finaliser: spreads FNV's weak low bits before they are masked to a bucket.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Finalize(uint hash)
    {
        hash ^= hash >> 16;
        hash *= 0x85EBCA6B;
        hash ^= hash >> 13;
        hash *= 0xC2B2AE35;
        hash ^= hash >> 16;
        return hash;
    }
}
