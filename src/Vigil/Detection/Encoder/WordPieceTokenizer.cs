using System.Globalization;
using System.Text;

namespace Vigil.Detection.Encoder;

/// <summary>
/// BERT's uncased tokenizer (the reference BasicTokenizer then WordPiece, as the base encoder was pretrained with), over
/// text the Vigil normaliser has already folded. Written here rather than taken from Microsoft.ML.Tokenizers 3.0.0,
/// whose BertTokenizer differs from the reference on posts: it drops emoji and other symbols where the reference
/// writes [UNK], splits a word at a zero-width char the reference deletes, and throws on a lone surrogate.
/// Each token keeps the span of the input it came from, so evidence can name it.
/// </summary>
/// <remarks>
/// One known difference from the reference: it strips accents by Unicode decomposition, which this build's invariant
/// globalisation mode cannot do; here combining marks are dropped and precomposed letters are left to the normaliser's
/// fold table (which covers Latin, Greek and Cyrillic). The training pipeline takes its ids from this class
/// (<c>vigil encoder dump</c>), so training and inference agree by construction.
/// </remarks>
internal sealed class WordPieceTokenizer
{
    /// <summary>A longer word is one [UNK], as in the reference.</summary>
    private const int MaxCharsPerWord = 100;
    private readonly Dictionary<string, int> _vocabulary;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    private WordPieceTokenizer(Dictionary<string, int> vocabulary)
    {
        _vocabulary = vocabulary;
        _lookup = vocabulary.GetAlternateLookup<ReadOnlySpan<char>>();
        ClsId = Id("[CLS]");
        SepId = Id("[SEP]");
        UnknownId = Id("[UNK]");
        PadId = Id("[PAD]");
    }

    public int ClsId { get; }
    public int SepId { get; }
    public int UnknownId { get; }
    public int PadId { get; }
    public int VocabularySize => _vocabulary.Count;

    /// <summary>Reads vocab.txt: one token per line (LF or CRLF), the line number is the id.</summary>
    public static WordPieceTokenizer Load(byte[] vocabularyFile)
    {
        var vocabulary = new Dictionary<string, int>(32_000, StringComparer.Ordinal);
        using var reader = new StreamReader(new MemoryStream(vocabularyFile), Encoding.UTF8);
        var id = 0;
        while (reader.ReadLine() is { } line) vocabulary.TryAdd(line, id++);
        return new WordPieceTokenizer(vocabulary);
    }

    public int Id(string token) =>
        _vocabulary.TryGetValue(token, out var id) ? id : throw new InvalidDataException($"The vocabulary has no {token} token.");

    /// <summary>
    /// Tokenizes <paramref name="text"/> as [CLS] pieces… [SEP], at most <paramref name="maxTokens"/> in all (the
    /// pieces are cut, [SEP] is kept). <paramref name="spans"/> gets each token's (start, length) in the text; the
    /// special tokens get (0, 0).
    /// </summary>
    /// <returns>The number of tokens written.</returns>
    public int Encode(ReadOnlySpan<char> text, int maxTokens, Span<int> ids, Span<(int Start, int Length)> spans)
    {
        if (maxTokens < 2 || ids.Length < maxTokens || spans.Length < maxTokens)
            throw new ArgumentException("The buffers must hold maxTokens (≥ 2) tokens.");
        var count = 0;
        ids[count] = ClsId;
        spans[count++] = (0, 0);
        var limit = maxTokens - 1;
        // A word's chars after cleaning (lower-cased, combining marks and control chars removed) and where each came from.
        Span<char> word = stackalloc char[2 * MaxCharsPerWord + 2];
        Span<int> origin = stackalloc int[word.Length];
        Span<char> piece = stackalloc char[word.Length + 2];
        Span<char> single = stackalloc char[2];
        var wordLength = 0;
        var wordCodePoints = 0;
        var wordStart = -1;
        var wordEnd = 0;
        var i = 0;
        while (i < text.Length && count < limit)
        {
            if (Rune.DecodeFromUtf16(text[i..], out var rune, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                i += consumed; // a lone surrogate: a control char to the reference, removed
                continue;
            }
            var kind = Classify(rune);
            if (kind is CharKind.Removed)
            {
                i += consumed;
                continue;
            }
            if (kind is CharKind.Space or CharKind.Single)
            {
                Flush(ref count, ids, spans, word[..wordLength], origin[..wordLength], piece, wordCodePoints, wordStart, wordEnd, limit);
                wordLength = wordCodePoints = 0;
                wordStart = -1;
                if (kind is CharKind.Single && count < limit)
                {
                    var length = rune.EncodeToUtf16(single);
                    ids[count] = _lookup.TryGetValue(single[..length], out var id) ? id : UnknownId;
                    spans[count++] = (i, consumed);
                }
                i += consumed;
                continue;
            }
            // Part of a word. Once past the reference's length cap the word is [UNK] whatever follows, so stop copying.
            if (wordStart < 0) wordStart = i;
            wordEnd = i + consumed;
            wordCodePoints++;
            if (wordLength + 2 <= word.Length)
            {
                var lower = Rune.ToLowerInvariant(rune);
                var length = lower.EncodeToUtf16(word[wordLength..]);
                for (var k = 0; k < length; k++) origin[wordLength + k] = i;
                wordLength += length;
            }
            i += consumed;
        }
        Flush(ref count, ids, spans, word[..wordLength], origin[..wordLength], piece, wordCodePoints, wordStart, wordEnd, limit);
        ids[count] = SepId;
        spans[count++] = (0, 0);
        return count;
    }

    /// <summary>WordPiece over one word: greedy longest match from the left, continuations prefixed "##"; a word with
    /// any part missing from the vocabulary is one [UNK].</summary>
    /// <param name="piece">Scratch for a "##" continuation, two chars longer than the word.</param>
    private void Flush(ref int count, Span<int> ids, Span<(int, int)> spans, ReadOnlySpan<char> word, ReadOnlySpan<int> origin,
        Span<char> piece, int codePoints, int wordStart, int wordEnd, int limit)
    {
        if (wordStart < 0 || count >= limit) return;
        if (codePoints > MaxCharsPerWord)
        {
            ids[count] = UnknownId;
            spans[count++] = (wordStart, wordEnd - wordStart);
            return;
        }
        piece[0] = piece[1] = '#';
        var first = count;
        var start = 0;
        while (start < word.Length)
        {
            var found = -1;
            var end = word.Length;
            for (; end > start; end--)
            {
                if (end < word.Length && char.IsLowSurrogate(word[end])) continue; // never split a pair
                ReadOnlySpan<char> candidate;
                if (start == 0) candidate = word[..end];
                else
                {
                    word[start..end].CopyTo(piece[2..]);
                    candidate = piece[..(end - start + 2)];
                }
                if (_lookup.TryGetValue(candidate, out found)) break;
                found = -1;
            }
            if (found < 0)
            {
                count = first;
                ids[count] = UnknownId;
                spans[count++] = (wordStart, wordEnd - wordStart);
                return;
            }
            if (count < limit)
            {
                var from = origin[start];
                var to = end < word.Length ? origin[end] : wordEnd;
                ids[count] = found;
                spans[count++] = (from, to - from);
            }
            start = end;
        }
    }

    private enum CharKind { Word, Space, Single, Removed }

    /// <summary>The reference's char classes: whitespace separates; punctuation and CJK ideographs stand alone; NUL,
    /// U+FFFD, control and format chars (category C*) and combining marks (Mn, the accent strip) are removed.</summary>
    private static CharKind Classify(Rune rune)
    {
        var value = rune.Value;
        if (value is ' ' or '\t' or '\n' or '\r') return CharKind.Space;
        if (value is 0 or 0xFFFD) return CharKind.Removed;
        var category = Rune.GetUnicodeCategory(rune);
        switch (category)
        {
            // Zl and Zp are not whitespace to BERT's cleaning step, but Python's str.split() splits on them.
            case UnicodeCategory.SpaceSeparator or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator:
                return CharKind.Space;
            case UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate
                or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned or UnicodeCategory.NonSpacingMark:
                return CharKind.Removed;
            case UnicodeCategory.ConnectorPunctuation or UnicodeCategory.DashPunctuation or UnicodeCategory.OpenPunctuation
                or UnicodeCategory.ClosePunctuation or UnicodeCategory.InitialQuotePunctuation
                or UnicodeCategory.FinalQuotePunctuation or UnicodeCategory.OtherPunctuation:
                return CharKind.Single;
        }
        // ASCII symbols count as punctuation for the reference too ($, +, <, =, >, ^, `, |, ~).
        if (value is >= 33 and <= 47 or >= 58 and <= 64 or >= 91 and <= 96 or >= 123 and <= 126) return CharKind.Single;
        return IsCjk(value) ? CharKind.Single : CharKind.Word;
    }

    private static bool IsCjk(int c) =>
        c is >= 0x4E00 and <= 0x9FFF or >= 0x3400 and <= 0x4DBF or >= 0x20000 and <= 0x2A6DF or >= 0x2A700 and <= 0x2B73F
            or >= 0x2B740 and <= 0x2B81F or >= 0x2B820 and <= 0x2CEAF or >= 0xF900 and <= 0xFAFF or >= 0x2F800 and <= 0x2FA1F;
}
