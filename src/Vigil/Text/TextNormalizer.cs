using System.Buffers;

namespace Vigil.Text;

/// <summary>
/// Undoes what evaders do to text before features are taken from it. Writes the normalised text into a caller's buffer
/// together with, for every output char, the offset of the source char it came from, so evidence found in normalised
/// text can be shown on the original.
/// </summary>
/// <remarks>
/// Three stages, each reading the previous one's output: <see cref="CharacterFolder"/> (case, compatibility forms,
/// invisible chars, diacritics, emoji, hashtags, links, mentions, echoes), <see cref="WordRepairer"/> (spaced letters,
/// look-alike letters, leetspeak, stretched letters) and <see cref="CodedReferences"/> (numeric and coded references).
/// Output is lower-case with single spaces; constructs become the words in <see cref="ReservedTokens"/>. The rules and
/// their limits are documented in docs/TAXONOMY.md ("Text normalisation").
/// </remarks>
public static class TextNormalizer
{
    /// <summary>
    /// Names the normaliser's behaviour. Models are trained on its output, so any change to what it writes — a rule,
    /// a table row, a token — gets a new version, recorded in the model card of every model trained on it.
    /// </summary>
    public const string Version = "text-normalizer-2";

    // One source char can become at most an emoji's word with its spaces; every other rule grows text less.
    private const int MaxGrowthPerChar = EmojiWords.MaxWordLength + 1;

    /// <summary>Upper bound on output length for a given input length; size the buffers with it.</summary>
    internal static int MaxOutputLength(int sourceLength) => sourceLength * MaxGrowthPerChar + 16;

    /// <summary>
    /// Normalises <paramref name="source"/> into <paramref name="destination"/>; <c>sourceOffsets[k]</c> is the index
    /// in <paramref name="source"/> of the char that produced output char k (for a token that replaces a construct,
    /// the construct's first char). Allocates nothing once warm: scratch space is kept per thread (or, for very long
    /// text, rented from <see cref="ArrayPool{T}"/>).
    /// </summary>
    /// <returns>
    /// The number of chars written to <paramref name="destination"/> and <paramref name="sourceOffsets"/>. When the
    /// destination is shorter than <see cref="MaxOutputLength"/>, as much as fits is written, never a partial token.
    /// </returns>
    public static int Normalize(ReadOnlySpan<char> source, Span<char> destination, Span<int> sourceOffsets)
    {
        var scratchLength = MaxOutputLength(source.Length);
        var pooled = scratchLength * 2 > MaxThreadScratch;
        var chars = pooled ? ArrayPool<char>.Shared.Rent(scratchLength * 2) : ThreadScratchChars(scratchLength * 2);
        var offsets = pooled ? ArrayPool<int>.Shared.Rent(scratchLength * 2) : ThreadScratchOffsets(scratchLength * 2);
        try
        {
            var folded = new OffsetWriter(chars.AsSpan(0, scratchLength), offsets.AsSpan(0, scratchLength));
            CharacterFolder.Fold(source, ref folded);

            var repaired = new OffsetWriter(chars.AsSpan(scratchLength, scratchLength), offsets.AsSpan(scratchLength, scratchLength));
            var repairedStart = WordRepairer.Repair(chars.AsSpan(0, folded.Length), offsets.AsSpan(0, folded.Length), source, ref repaired)
                ? scratchLength : 0;
            var repairedLength = repairedStart == 0 ? folded.Length : repaired.Length;

            var output = new OffsetWriter(destination, sourceOffsets);
            CodedReferences.Map(chars.AsSpan(repairedStart, repairedLength), offsets.AsSpan(repairedStart, repairedLength), ref output);
            output.TrimTrailingSpace();
            return output.Length;
        }
        finally
        {
            if (pooled)
            {
                ArrayPool<char>.Shared.Return(chars);
                ArrayPool<int>.Shared.Return(offsets);
            }
        }
    }

    // Scratch for the two intermediate stages. Kept per thread because for short posts renting from the shared pool
    // cost as much as normalising; posts too long for it (rare) rent from the pool instead of pinning memory.
    private const int MaxThreadScratch = 1 << 16;
    [ThreadStatic] private static char[]? t_scratchChars;
    [ThreadStatic] private static int[]? t_scratchOffsets;

    private static char[] ThreadScratchChars(int length) =>
        t_scratchChars is { } chars && chars.Length >= length ? chars : t_scratchChars = new char[Math.Max(length, 4096)];

    private static int[] ThreadScratchOffsets(int length) =>
        t_scratchOffsets is { } offsets && offsets.Length >= length ? offsets : t_scratchOffsets = new int[Math.Max(length, 4096)];

    /// <summary>Convenience for tests and tools; the scoring loop uses the span overload with pooled buffers.</summary>
    public static string Normalize(string source)
    {
        var destination = new char[MaxOutputLength(source.Length)];
        var offsets = new int[destination.Length];
        var written = Normalize(source, destination, offsets);
        return new string(destination, 0, written);
    }
}
