using Vigil.Text;

namespace Vigil.Detection.Encoder;

/// <summary>
/// One text prepared for the encoder: normalised (<see cref="TextNormalizer"/>), symbols written as words
/// (<see cref="EmojiWordTable"/>), then WordPiece ids, each token's span mapped back through both offset maps to the
/// original text.
/// </summary>
internal sealed class EncoderText
{
    private EncoderText(string normalized, int[] ids, (int Start, int Length)[] normalizedSpans, (int Start, int Length)[] sourceSpans)
    {
        Normalized = normalized;
        Ids = ids;
        NormalizedSpans = normalizedSpans;
        SourceSpans = sourceSpans;
    }

    public string Normalized { get; }
    /// <summary>[CLS] pieces… [SEP].</summary>
    public int[] Ids { get; }
    /// <summary>Per token, its span of the text WordPiece read (normalised, symbols as words); (0, 0) for [CLS] and [SEP].</summary>
    public (int Start, int Length)[] NormalizedSpans { get; }
    /// <summary>Per token, the span of the original text it came from; (0, 0) for [CLS] and [SEP].</summary>
    public (int Start, int Length)[] SourceSpans { get; }

    public static EncoderText Prepare(string source, WordPieceTokenizer tokenizer, EmojiWordTable emojiWords, int maxTokens)
    {
        var normalized = new char[TextNormalizer.MaxOutputLength(source.Length)];
        var normalizedOffsets = new int[normalized.Length];
        var normalizedLength = TextNormalizer.Normalize(source, normalized, normalizedOffsets);
        var (chars, offsets, length) = emojiWords.Apply(normalized.AsSpan(0, normalizedLength), normalizedOffsets.AsSpan(0, normalizedLength));
        var ids = new int[maxTokens];
        var spans = new (int Start, int Length)[maxTokens];
        var count = tokenizer.Encode(chars.AsSpan(0, length), maxTokens, ids, spans);
        var sourceSpans = new (int, int)[count];
        for (var t = 0; t < count; t++)
        {
            var (start, tokenLength) = spans[t];
            if (tokenLength == 0) continue;
            // A token covers normalised chars [start, end); in the source it runs from the first char's origin to the
            // end of the last char's origin (a construct's token maps to its construct's first char, and surrogate
            // pairs are kept whole).
            var from = offsets[start];
            var last = offsets[start + tokenLength - 1];
            var to = Math.Max(from, last) + (char.IsHighSurrogate(source[last]) && last + 1 < source.Length ? 2 : 1);
            sourceSpans[t] = (from, Math.Min(to, source.Length) - from);
        }
        return new EncoderText(new string(chars, 0, length), ids[..count], spans[..count], sourceSpans);
    }
}
