using System.Buffers;
using System.Globalization;

namespace Vigil.Coordination;

/// <summary>
/// The text transformations the QUT toolkit applies before comparing messages, re-implemented over spans:
/// lower-case, drop @mentions (an <c>@</c> and everything up to the next whitespace), and for co-tweet collapse runs of
/// whitespace to one space and trim. Tokens for co-similar approximate Unicode word segmentation (UAX #29): a word is a
/// run of letters, digits, marks and underscores that may contain <c>. ' ’</c> between word characters, <c>:</c>
/// between letters and <c>, ;</c> between digits; every other non-space character is a token of its own.
/// </summary>
internal static class CoordinationText
{
    /// <summary>Lower-cases and strips mentions into <paramref name="destination"/> (at least as long as the text).</summary>
    public static int Clean(ReadOnlySpan<char> text, Span<char> destination, bool collapseWhitespace)
    {
        var written = 0;
        var pendingSpace = false;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '@')
            {
                // The toolkit's pattern @.*?(?=\s|$) removes the mention but keeps the whitespace after it.
                while (i < text.Length && !char.IsWhiteSpace(text[i])) i++;
                continue;
            }
            i++;
            if (collapseWhitespace && char.IsWhiteSpace(c))
            {
                pendingSpace = written > 0;
                continue;
            }
            if (pendingSpace)
            {
                destination[written++] = ' ';
                pendingSpace = false;
            }
            destination[written++] = char.ToLowerInvariant(c);
        }
        return written;
    }

    /// <summary>The co-tweet form of a text; used by tests and for display, the engine hashes the span instead.</summary>
    public static string NormalizeForCoTweet(string text)
    {
        var buffer = ArrayPool<char>.Shared.Rent(Math.Max(1, text.Length));
        try
        {
            var length = Clean(text, buffer, collapseWhitespace: true);
            return new string(buffer, 0, length);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    /// <summary>A 64-bit hash of the co-tweet form: the engine groups by it instead of building a string per message.</summary>
    public static ulong CoTweetKey(string text)
    {
        var buffer = ArrayPool<char>.Shared.Rent(Math.Max(1, text.Length));
        try
        {
            var length = Clean(text, buffer, collapseWhitespace: true);
            return Hash(buffer.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    /// <summary>The distinct co-similar tokens of a text, as strings; tests and diagnostics only.</summary>
    public static HashSet<string> TokenSet(string text)
    {
        var buffer = new char[text.Length];
        var cleaned = buffer.AsSpan(0, Clean(text, buffer, collapseWhitespace: false));
        var tokens = new HashSet<string>(StringComparer.Ordinal);
        var enumerator = new TokenEnumerator(cleaned);
        while (enumerator.MoveNext()) tokens.Add(enumerator.Current.ToString());
        return tokens;
    }

    /// <summary>FNV-1a over UTF-16 units with a SplitMix64 finish so that low bits spread well in hash tables.</summary>
    public static ulong Hash(ReadOnlySpan<char> chars)
    {
        var h = 14695981039346656037UL;
        foreach (var c in chars)
        {
            h ^= c;
            h *= 1099511628211UL;
        }
        h ^= h >> 30;
        h *= 0xBF58476D1CE4E5B9UL;
        h ^= h >> 27;
        h *= 0x94D049BB133111EBUL;
        return h ^ (h >> 31);
    }

    /// <summary>Walks the tokens of a cleaned (lower-cased, mention-free) text without allocating.</summary>
    public ref struct TokenEnumerator
    {
        private readonly ReadOnlySpan<char> _text;
        private int _next;

        public TokenEnumerator(ReadOnlySpan<char> text)
        {
            _text = text;
            _next = 0;
            Current = default;
        }

        public ReadOnlySpan<char> Current { get; private set; }

        public bool MoveNext()
        {
            var text = _text;
            var i = _next;
            while (i < text.Length && char.IsWhiteSpace(text[i])) i++;
            if (i >= text.Length) return false;
            var start = i;
            if (IsWordChar(text, i))
            {
                i += CharLength(text, i);
                while (i < text.Length)
                {
                    if (IsWordChar(text, i))
                    {
                        i += CharLength(text, i);
                        continue;
                    }
                    if (i + 1 < text.Length && JoinsWords(text[i - 1], text[i], text[i + 1]) && IsWordChar(text, i + 1))
                    {
                        i++;
                        continue;
                    }
                    break;
                }
            }
            else
            {
                i += CharLength(text, i);
                // Marks, variation selectors and zero-width joiners stay with the symbol they modify (emoji sequences).
                int extend;
                while (i < text.Length && (extend = ExtendLength(text, i)) > 0)
                {
                    var joiner = text[i] == '\u200D';
                    i += extend;
                    if (joiner && i < text.Length) i += CharLength(text, i);
                }
            }
            Current = text[start..i];
            _next = i;
            return true;
        }

        private static int CharLength(ReadOnlySpan<char> text, int i) =>
            char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? 2 : 1;

        private static bool IsWordChar(ReadOnlySpan<char> text, int i)
        {
            var c = text[i];
            if (c < 128) return char.IsAsciiLetterOrDigit(c) || c == '_';
            if (char.IsSurrogate(c))
                return CharLength(text, i) == 2 && System.Text.Rune.IsLetterOrDigit(new System.Text.Rune(text[i], text[i + 1]));
            return char.IsLetterOrDigit(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark
                or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.ConnectorPunctuation;
        }

        /// <summary>Length of a modifier at <paramref name="i"/> (mark, joiner, selector, skin tone), or 0.</summary>
        private static int ExtendLength(ReadOnlySpan<char> text, int i)
        {
            var c = text[i];
            if (CharLength(text, i) == 2)
            {
                var codePoint = char.ConvertToUtf32(c, text[i + 1]);
                return codePoint is >= 0x1F3FB and <= 0x1F3FF ? 2 : 0;
            }
            return c == '\u200D' || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark
                or UnicodeCategory.EnclosingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.Format ? 1 : 0;
        }

        private static bool JoinsWords(char before, char joiner, char after) => joiner switch
        {
            '.' or '\'' or '\u2019' => true,
            ':' or '\u00B7' => char.IsLetter(before) && char.IsLetter(after),
            ',' or ';' => char.IsDigit(before) && char.IsDigit(after),
            _ => false,
        };
    }
}
