namespace Vigil.Text;

/// <summary>
/// Undoes what evaders do to text before features are taken from it. Writes the normalised text into a caller's buffer
/// together with, for every output char, the offset of the source char it came from, so evidence found in normalised
/// text can be shown on the original.
/// </summary>
/// <remarks>Interim implementation: lower-casing only. The full normaliser replaces the body, not the signature.</remarks>
public static class TextNormalizer
{
    /// <summary>Upper bound on output length for a given input length; size the buffers with it.</summary>
    public static int MaxOutputLength(int sourceLength) => sourceLength * 3 + 16;

    /// <returns>The number of chars written to <paramref name="destination"/> and <paramref name="sourceOffsets"/>.</returns>
    public static int Normalize(ReadOnlySpan<char> source, Span<char> destination, Span<int> sourceOffsets)
    {
        var written = 0;
        for (var i = 0; i < source.Length && written < destination.Length; i++)
        {
            destination[written] = char.ToLowerInvariant(source[i]);
            sourceOffsets[written] = i;
            written++;
        }
        return written;
    }

    /// <summary>Convenience for tests and tools; the scoring loop uses the span overload with pooled buffers.</summary>
    public static string Normalize(string source)
    {
        var destination = new char[MaxOutputLength(source.Length)];
        var offsets = new int[destination.Length];
        var written = Normalize(source, destination, offsets);
        return new string(destination, 0, written);
    }
}
