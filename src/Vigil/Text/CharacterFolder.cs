using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace Vigil.Text;

/// <summary>
/// First stage: works char by char on the source. Folds case and compatibility forms, drops invisible chars and
/// diacritics, turns emoji into words, splits camel-case hashtags, and replaces links, e-mail addresses, mentions and
/// echo brackets with reserved tokens. White space comes out as single spaces.
/// </summary>
internal static class CharacterFolder
{
    /// <summary>Longest name an echo may enclose; longer bracketed text is ordinary parenthetical prose.</summary>
    private const int MaxEchoContent = 64;
    private const int MinEchoBrackets = 3;

    // Top-level domains accepted for links written without a scheme ("example.com/x"); short ones that double as
    // abbreviations or word endings (.me, .to, .be, .us) are left out so that prose is not read as a link.
    private static readonly WordSet BareDomainEndings = new(StringComparer.OrdinalIgnoreCase,
        "com", "org", "net", "edu", "gov", "io", "co", "uk", "de", "ru", "info", "tv", "ly", "il", "news", "xyz", "app",
        "fr", "ca");

    public static void Fold(ReadOnlySpan<char> source, ref OffsetWriter output)
    {
        var echoCloseStart = -1;
        var echoCloseEnd = -1;
        var hashtagBodyStart = -1;
        var hashtagEnd = -1;
        var i = 0;
        while (i < source.Length && !output.IsFull)
        {
            if (i == echoCloseStart)
            {
                output.WriteSpace(i);
                i = echoCloseEnd;
                continue;
            }

            var inHashtag = i < hashtagEnd;
            // Where a word starts with an ASCII letter or digit, the end of that run is found once and serves both the
            // address gate and the copying of the word below.
            var asciiRunEnd = -1;
            if (!inHashtag && IsWordStart(source, i))
            {
                if (char.IsAsciiLetterOrDigit(source[i])) asciiRunEnd = AsciiRunEnd(source, i);
                var next = TryConstruct(source, i, asciiRunEnd, ref output, ref echoCloseStart, ref echoCloseEnd);
                if (next > i)
                {
                    i = next;
                    continue;
                }

                if (source[i] == '#' && TryHashtag(source, i, out var end))
                {
                    hashtagEnd = end;
                    hashtagBodyStart = ++i;
                    continue;
                }
            }

            if (inHashtag && i > hashtagBodyStart && IsCamelBoundary(source, i, hashtagEnd)) output.WriteSpace(i);

            var c = source[i];
            if (c == '&' && TryHtmlEntity(source[i..], out var decoded, out var entityLength))
            {
                output.Write(decoded, i);
                i += entityLength;
            }
            else if (c < 0x80)
            {
                WriteAscii(c, i, inHashtag, ref output);
                i++;
                // Inside a word, after its start was checked for constructs, ASCII letters and digits only change case.
                if (!inHashtag && char.IsAsciiLetterOrDigit(c))
                {
                    var runEnd = asciiRunEnd >= 0 ? asciiRunEnd : AsciiRunEnd(source, i - 1);
                    output.WriteLowerAscii(source[i..runEnd], i);
                    i = runEnd;
                }
            }
            else
            {
                i += WriteNonAscii(source, i, ref output);
            }
        }
    }

    /// <summary>Tries the constructs that replace a whole run of source; returns where to go on, or <paramref name="i"/>.</summary>
    /// <param name="asciiRunEnd">For a word starting with an ASCII letter or digit, <see cref="AsciiRunEnd"/> there.</param>
    private static int TryConstruct(ReadOnlySpan<char> source, int i, int asciiRunEnd, ref OffsetWriter output,
        ref int echoCloseStart, ref int echoCloseEnd)
    {
        var c = source[i];
        int end;
        switch (c)
        {
            case '@' when TryMention(source, i, out end):
                output.WriteWord(ReservedTokens.User, i);
                return end;
            case '(' or '[' or '{' or '（' or '［' or '｛' when TryEcho(source, i, out var contentStart, out var closeStart, out var closeEnd):
                output.WriteWord(ReservedTokens.Echo, i);
                (echoCloseStart, echoCloseEnd) = (closeStart, closeEnd);
                return contentStart;
        }

        if (!char.IsAsciiLetterOrDigit(c) || !MayBeAddress(source, asciiRunEnd)) return i;
        if (TryEmail(source, i, out end))
        {
            output.WriteWord(ReservedTokens.Email, i);
            return end;
        }

        if (TryUrl(source, i, out var hostStart, out var hostEnd, out end))
        {
            output.WriteSpace(i);
            output.WriteWhole(ReservedTokens.Url, i);
            output.Write(' ', i);
            for (var k = hostStart; k < hostEnd; k++) output.Write(char.ToLowerInvariant(source[k]), k);
            output.Write(' ', hostEnd);
            return end;
        }

        return i;
    }

    /// <summary>
    /// The few HTML entities that platform exports leave in post text ("Q&amp;A"): not an evasion, but "amp" would
    /// otherwise become a word.
    /// </summary>
    private static bool TryHtmlEntity(ReadOnlySpan<char> text, out char decoded, out int length)
    {
        (decoded, length) = text switch
        {
            _ when text.StartsWith("&amp;") => ('&', 5),
            _ when text.StartsWith("&lt;") => ('<', 4),
            _ when text.StartsWith("&gt;") => ('>', 4),
            _ when text.StartsWith("&quot;") => ('"', 6),
            _ when text.StartsWith("&#39;") || text.StartsWith("&apos;") => ('\'', text[1] == '#' ? 5 : 6),
            _ => ('\0', 0),
        };
        return length > 0;
    }

    /// <summary>
    /// Cheap gate before the link and e-mail parsers: an address has a '.', '@' or ':' inside its first run of
    /// address chars (not as its last char of the text); most words have none and are spared the parsing. The scan
    /// goes on from <paramref name="asciiRunEnd"/>, the end of the word's leading letters and digits.
    /// </summary>
    private static bool MayBeAddress(ReadOnlySpan<char> source, int asciiRunEnd)
    {
        for (var k = asciiRunEnd; k < source.Length - 1; k++)
        {
            var c = source[k];
            if (c is '.' or '@' or ':') return true;
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '%' or '+')) return false;
        }
        return false;
    }

    /// <summary>The end of the run of ASCII letters and digits that begins at <paramref name="start"/>.</summary>
    private static int AsciiRunEnd(ReadOnlySpan<char> source, int start)
    {
        var k = start;
        while (k < source.Length && char.IsAsciiLetterOrDigit(source[k])) k++;
        return k;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)] // once per word or punctuation mark, from the main loop only
    private static void WriteAscii(char c, int i, bool inHashtag, ref OffsetWriter output)
    {
        if (char.IsAsciiLetterUpper(c)) output.Write((char)(c | 0x20), i);
        else if (c <= ' ' || c == 0x7F || (inHashtag && c == '_')) output.WriteSpace(i);
        else output.Write(c, i);
    }

    /// <returns>Number of source chars consumed.</returns>
    private static int WriteNonAscii(ReadOnlySpan<char> source, int i, ref OffsetWriter output)
    {
        if (Rune.DecodeFromUtf16(source[i..], out var rune, out var consumed) != System.Buffers.OperationStatus.Done)
            return consumed == 0 ? 1 : consumed; // a lone surrogate carries nothing readable

        var codePoint = rune.Value;
        if (IsInvisible(rune)) return consumed;
        if (Rune.IsWhiteSpace(rune) || Rune.IsControl(rune) || codePoint == 0x2800)
        {
            output.WriteSpace(i);
            return consumed;
        }

        if (EmojiWords.IsRegionalIndicator(codePoint) &&
            Rune.DecodeFromUtf16(source[(i + consumed)..], out var second, out var secondConsumed) == System.Buffers.OperationStatus.Done &&
            EmojiWords.IsRegionalIndicator(second.Value))
        {
            var flag = EmojiWords.LookupFlag(codePoint, second.Value);
            if (flag is not null) output.WriteWord(flag, i);
            else WriteVerbatim(source.Slice(i, consumed + secondConsumed), i, ref output);
            return consumed + secondConsumed;
        }

        if (EmojiWords.Lookup(codePoint) is { } word)
        {
            output.WriteWord(word, i);
            return consumed;
        }

        if (IsDiacritic(codePoint)) return consumed;

        if (FoldTable.Lookup(codePoint) is { } fold)
        {
            foreach (var f in fold)
            {
                if (f == ' ') output.WriteSpace(i);
                else output.Write(f, i);
            }
            return consumed;
        }

        if (consumed == 1)
        {
            output.Write(char.ToLowerInvariant(source[i]), i);
        }
        else
        {
            Span<char> lower = stackalloc char[2];
            WriteVerbatim(lower[..Rune.ToLowerInvariant(rune).EncodeToUtf16(lower)], i, ref output);
        }
        return consumed;
    }

    private static void WriteVerbatim(scoped ReadOnlySpan<char> chars, int offset, ref OffsetWriter output) =>
        output.WriteWhole(chars, offset); // a surrogate pair split by truncation would be invalid text

    /// <summary>Format chars (zero-width space and joiners, word joiner, BOM, soft hyphen, bidi controls), variation
    /// selectors, emoji skin tones, tag chars and the Hangul fillers that render as nothing.</summary>
    private static bool IsInvisible(Rune rune)
    {
        var c = rune.Value;
        return c is 0x115F or 0x1160 or 0x3164 or 0xFFA0 or 0x17B4 or 0x17B5 or >= 0x180B and <= 0x180F
                   or >= 0xFE00 and <= 0xFE0F or >= 0x1F3FB and <= 0x1F3FF or >= 0xE0000 and <= 0xE0FFF
               || Rune.GetUnicodeCategory(rune) == UnicodeCategory.Format;
    }

    /// <summary>Combining diacritical marks (the blocks of accents, Zalgo stacks and keycap enclosures), not the vowel
    /// signs of Indic or Semitic scripts, which are letters' parts and stay.</summary>
    private static bool IsDiacritic(int c) =>
        c is >= 0x0300 and <= 0x036F or >= 0x1AB0 and <= 0x1AFF or >= 0x1DC0 and <= 0x1DFF or >= 0x20D0 and <= 0x20FF
            or >= 0xFE20 and <= 0xFE2F;

    private static bool IsWordStart(ReadOnlySpan<char> source, int i) =>
        i == 0 || !(char.IsLetterOrDigit(source[i - 1]) || source[i - 1] == '_');

    private static bool IsHandleChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

    /// <summary>@name, and fediverse handles like @name@host.social or @name.bsky.social.</summary>
    private static bool TryMention(ReadOnlySpan<char> source, int i, out int end)
    {
        end = i + 1;
        if (end >= source.Length || !IsHandleChar(source[end])) return false;
        while (end < source.Length)
        {
            if (IsHandleChar(source[end])) end++;
            else if (source[end] is '.' or '-' or '@' && end + 1 < source.Length && IsHandleChar(source[end + 1])) end++;
            else break;
        }
        return true;
    }

    /// <summary>At least three identical opening brackets, a short name with no line break, as many closing ones.</summary>
    private static bool TryEcho(ReadOnlySpan<char> source, int i, out int contentStart, out int closeStart, out int closeEnd)
    {
        var open = AsciiBracket(source[i]);
        var close = open switch { '(' => ')', '[' => ']', _ => '}' };
        contentStart = closeStart = closeEnd = -1;
        var k = i;
        while (k < source.Length && AsciiBracket(source[k]) == open) k++;
        if (k - i < MinEchoBrackets) return false;

        var hasName = false;
        for (var j = k; j < source.Length && j - k <= MaxEchoContent; j++)
        {
            var c = AsciiBracket(source[j]);
            if (c == open || c is '\n' or '\r') return false;
            if (c != close)
            {
                hasName |= char.IsLetterOrDigit(c);
                continue;
            }

            var runEnd = j;
            while (runEnd < source.Length && AsciiBracket(source[runEnd]) == close) runEnd++;
            if (runEnd - j < MinEchoBrackets || !hasName) return false;
            (contentStart, closeStart, closeEnd) = (k, j, runEnd);
            return true;
        }
        return false;
    }

    /// <summary>Fullwidth brackets read as ASCII ones, so a fullwidth echo is still an echo.</summary>
    private static char AsciiBracket(char c) => c is >= '（' and <= '｝' ? (char)(c - 0xFEE0) : c;

    private static bool TryHashtag(ReadOnlySpan<char> source, int i, out int end)
    {
        var hasLetter = false;
        end = i + 1;
        while (end < source.Length && (char.IsLetterOrDigit(source[end]) || source[end] == '_'))
        {
            hasLetter |= char.IsLetter(source[end]);
            end++;
        }
        return hasLetter;
    }

    /// <summary>Word boundaries inside a hashtag: lower→Upper ("jewsControl"), and the last capital of an acronym
    /// that starts a word ("BDSNow" → "BDS Now").</summary>
    private static bool IsCamelBoundary(ReadOnlySpan<char> source, int i, int hashtagEnd)
    {
        var c = source[i];
        if (!char.IsUpper(c)) return false;
        var previous = source[i - 1];
        return char.IsLower(previous) ||
               (char.IsUpper(previous) && i + 1 < hashtagEnd && char.IsLower(source[i + 1]));
    }

    /// <summary>name@host.tld; the address is dropped, only the fact that there was one is kept.</summary>
    private static bool TryEmail(ReadOnlySpan<char> source, int i, out int end)
    {
        end = i;
        while (end < source.Length && (char.IsAsciiLetterOrDigit(source[end]) || source[end] is '.' or '_' or '%' or '+' or '-'))
            end++;
        if (end >= source.Length || source[end] != '@') return false;
        return TryHost(source, end + 1, out end, out var lastLabelStart) &&
               lastLabelStart > 0 && end - lastLabelStart >= 2;
    }

    /// <summary>
    /// http(s)://…, www.…, or host.tld with a known top-level domain. Reports the host (without "www.") so it can be
    /// kept as a word: the site a post links to is a strong signal, the path rarely is.
    /// </summary>
    private static bool TryUrl(ReadOnlySpan<char> source, int i, out int hostStart, out int hostEnd, out int end)
    {
        var rest = source[i..];
        var hasScheme = false;
        hostStart = i;
        if (rest.StartsWith("https://", StringComparison.OrdinalIgnoreCase)) (hostStart, hasScheme) = (i + 8, true);
        else if (rest.StartsWith("http://", StringComparison.OrdinalIgnoreCase)) (hostStart, hasScheme) = (i + 7, true);
        if (source[hostStart..].StartsWith("www.", StringComparison.OrdinalIgnoreCase))
        {
            hostStart += 4;
            hasScheme = true;
        }

        var isHost = TryHost(source, hostStart, out hostEnd, out var lastLabelStart);
        if (!hasScheme)
        {
            // FollowsUrlToken: the host this normaliser wrote after a link, so normalised text normalises to itself.
            var followedByWord = hostEnd < source.Length && (char.IsLetterOrDigit(source[hostEnd]) || source[hostEnd] == '@');
            if (!isHost || lastLabelStart < 0 || followedByWord || FollowsUrlToken(source, i) ||
                !BareDomainEndings.Contains(source[lastLabelStart..hostEnd])) { end = i; return false; }
        }

        end = hostEnd;
        if (end < source.Length && source[end] is '/' or '?' or '#' or ':')
        {
            while (end < source.Length && !char.IsWhiteSpace(source[end]) && source[end] is not ('<' or '>' or '"')) end++;
            while (end > hostEnd && source[end - 1] is '.' or ',' or ';' or ':' or '!' or '?' or ')' or ']' or '}' or '\'' or '"')
                end--;
        }
        return true;
    }

    private static bool FollowsUrlToken(ReadOnlySpan<char> source, int i) =>
        i > ReservedTokens.Url.Length && source[i - 1] == ' ' &&
        source[(i - 1 - ReservedTokens.Url.Length)..(i - 1)].SequenceEqual(ReservedTokens.Url);

    /// <summary>Labels of letters, digits and hyphens joined by dots; the last label must be letters only.</summary>
    private static bool TryHost(ReadOnlySpan<char> source, int start, out int end, out int lastLabelStart)
    {
        end = start;
        lastLabelStart = -1;
        var labelStart = start;
        while (end < source.Length)
        {
            var c = source[end];
            if (char.IsAsciiLetterOrDigit(c) || c == '-') { end++; continue; }
            if (c == '.' && end > labelStart && end + 1 < source.Length && char.IsAsciiLetterOrDigit(source[end + 1]))
            {
                labelStart = ++end;
                lastLabelStart = labelStart;
                continue;
            }
            break;
        }
        if (lastLabelStart < 0) return end > start;
        for (var k = lastLabelStart; k < end; k++)
        {
            if (!char.IsAsciiLetter(source[k])) { lastLabelStart = -1; break; }
        }
        return end > start;
    }
}
