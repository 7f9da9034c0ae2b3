using System.Collections.Frozen;

namespace Vigil.Text;

/// <summary>
/// Third stage: replaces numeric and coded references to antisemitic (and one anti-Black) slogans with reserved
/// tokens, matching on words so that the earlier stages' repairs count ("1 4 8 8" and "#1488" both reach here as
/// "1488"). A code that is also an ordinary number or word ("88", "jq", "the nose", "271,000") is replaced only when
/// a word that makes it a code stands within a few words of it. A number is never a code when it counts or labels
/// something ("88 degrees", "flight 1488", "$14.88"): the word beside it says so.
/// </summary>
internal static class CodedReferences
{
    /// <summary>How many words either side of a match are searched for a word that makes it a code.</summary>
    private const int ContextWindow = 8;
    /// <summary>Separators longer than this between the words of a pattern break the match ("14 … 88" is no code).</summary>
    private const int MaxGap = 3;

    private sealed record Pattern(string[] Words, string Token, WordSet? Context = null, char RequiredInGap = '\0')
    {
        /// <summary>Starts with digits, so it can also be an ordinary number that counts or labels something.</summary>
        public bool IsNumber { get; } = char.IsAsciiDigit(Words[0][0]);
    }

    private static readonly WordSet NaziContext = new(
        "heil", "sieg", "hitler", "hh", "aryan", "reich", "nazi", "nazis", "swastika", "fuhrer", "fuehrer",
        "wpww", "rahowa", "skinhead", "skinheads", "ss",
        // 88 as a sign-off or greeting among the like-minded
        "comrade", "comrades", "brother", "brothers", "greetings", "salute", "signing", "regards", "xxnum14words");

    private static readonly WordSet ExpulsionContext = new(
        "expelled", "expulsion", "expulsions", "kicked", "banished", "thrown", "booted", "exiled", "countries", "nations");

    // A number with one of these just before it labels something ("flight 1488", "room 109"), with one of these just
    // after it counts something ("88 degrees", "1488 units"): either way it is a number, not a code.
    private static readonly WordSet NumberLabels = new(
        "flight", "room", "bus", "route", "page", "gate", "platform", "number", "exit", "highway", "channel", "track",
        "line", "apartment", "suite", "model", "order", "pin", "ticket", "seat", "row", "aisle", "chapter", "verse",
        "episode", "level", "item", "invoice", "account", "ext", "extension", "pier", "locker", "unit");

    private static readonly WordSet NumberUnits = new(
        "degrees", "degree", "units", "keys", "miles", "mile", "km", "kilometres", "kilometers", "points", "pages", "people",
        "dollars", "euros", "pounds", "items", "votes", "metres", "meters", "feet", "ft", "calories", "mph", "kph", "kg",
        "pieces", "copies", "rooms", "times", "years", "days", "hours", "minutes", "seconds", "cars", "students", "runs",
        "yards", "percent", "users", "views", "likes", "followers", "steps", "laps", "cm", "mm", "grams", "lbs",
        "employees", "members", "jobs", "homes", "acres", "women", "men", "children", "boys", "girls", "prisoners", "soldiers",
        "victims", "survivors", "families", "jews");

    private static readonly WordSet SloganContext = new(
        "white", "children", "secure", "existence", "future", "race", "aryan", "heil", "88", "wpww");

    private static readonly WordSet HolocaustContext = new(
        "holocaust", "shoah", "jews", "jewish", "jew", "died", "deaths", "dead", "camps", "camp", "auschwitz", "red",
        "cross", "victims", "genocide", "hoax", "lie", "lies", "gorillion", "gassed", "million");

    private static readonly WordSet JewishQuestionContext = new(
        "solve", "solving", "solved", "solution", "final", "answer", "jew", "jews", "jewish", "question");

    private static readonly WordSet JewsContext = new(
        "jew", "jews", "jewish", "kike", "kikes", "zionist", "zionists", "goy", "goyim", "shekel", "shekels",
        ReservedTokens.Echo);

    private static readonly Pattern[] Patterns =
    [
        new(["1488"], ReservedTokens.Num1488),
        new(["14", "88"], ReservedTokens.Num1488),
        new(["1", "4", "8", "8"], ReservedTokens.Num1488),
        new(["14words"], ReservedTokens.Num14Words),
        new(["14", "words"], ReservedTokens.Num14Words, SloganContext),
        new(["fourteen", "words"], ReservedTokens.Num14Words, SloganContext),
        new(["88"], ReservedTokens.Num88, NaziContext),
        new(["6mwe"], ReservedTokens.Num6Mwe),
        new(["6", "million", "wasn", "t", "enough"], ReservedTokens.Num6Mwe),
        new(["6", "million", "wasnt", "enough"], ReservedTokens.Num6Mwe),
        new(["6", "million", "was", "not", "enough"], ReservedTokens.Num6Mwe),
        new(["six", "million", "wasn", "t", "enough"], ReservedTokens.Num6Mwe),
        new(["six", "million", "wasnt", "enough"], ReservedTokens.Num6Mwe),
        new(["6m", "wasn", "t", "enough"], ReservedTokens.Num6Mwe),
        new(["109", "countries"], ReservedTokens.Num109),
        new(["109", "nations"], ReservedTokens.Num109),
        new(["109"], ReservedTokens.Num109, ExpulsionContext),
        new(["271k"], ReservedTokens.Num271K, HolocaustContext),
        new(["271", "000"], ReservedTokens.Num271K, HolocaustContext),
        new(["271000"], ReservedTokens.Num271K, HolocaustContext),
        new(["13", "50"], ReservedTokens.Num1350, RequiredInGap: '/'),
        new(["zog"], ReservedTokens.Zog),
        new(["jq"], ReservedTokens.Jq, JewishQuestionContext),
        new(["the", "nose"], ReservedTokens.Nose, JewsContext),
    ];

    // Patterns grouped by first word, longest first, so "14 88" wins over a lone "14".
    private static readonly FrozenDictionary<string, Pattern[]>.AlternateLookup<ReadOnlySpan<char>> ByFirstWord =
        GroupByFirstWord().GetAlternateLookup<ReadOnlySpan<char>>();

    // Most words cannot start a pattern; these two checks spare them the dictionary's hashing.
    private static readonly int LongestFirstWord = LongestFirstWordOf(Patterns);
    private static readonly bool[] CanStartPattern = FirstCharsOf(Patterns);

    public static void Map(ReadOnlySpan<char> text, ReadOnlySpan<int> offsets, ref OffsetWriter output)
    {
        var unchangedFrom = 0; // text between codes is copied in runs, not char by char
        var i = 0;
        while (i < text.Length)
        {
            if (!char.IsLetterOrDigit(text[i]))
            {
                i++;
                continue;
            }

            var end = WordEnd(text, i);
            var first = text[i];
            if (end - i <= LongestFirstWord && first < CanStartPattern.Length && CanStartPattern[first] &&
                ByFirstWord.TryGetValue(text[i..end], out var candidates))
            {
                foreach (var pattern in candidates)
                {
                    var matchEnd = MatchRest(text, end, pattern);
                    if (matchEnd < 0 || (pattern.Context is { } context && !HasContext(text, i, matchEnd, context))) continue;
                    if (pattern.IsNumber && CountsOrLabels(text, i, matchEnd)) continue;
                    output.Copy(text[unchangedFrom..i], offsets[unchangedFrom..i]);
                    output.WriteWhole(pattern.Token, offsets[i]);
                    end = unchangedFrom = matchEnd;
                    break;
                }
            }
            i = end;
        }
        output.Copy(text[unchangedFrom..], offsets[unchangedFrom..]);
    }

    /// <returns>End of the match whose first word ends at <paramref name="position"/>, or -1.</returns>
    private static int MatchRest(ReadOnlySpan<char> text, int position, Pattern pattern)
    {
        for (var w = 1; w < pattern.Words.Length; w++)
        {
            var gapStart = position;
            while (position < text.Length && !char.IsLetterOrDigit(text[position]) && position - gapStart < MaxGap) position++;
            if (position == gapStart || position >= text.Length || !char.IsLetterOrDigit(text[position])) return -1;
            if (pattern.RequiredInGap != '\0' && !text[gapStart..position].Contains(pattern.RequiredInGap)) return -1;
            // "14.88" and "14,88" are one number written with a decimal separator, not two ("271,000" is a thousands one).
            if (pattern.IsNumber && IsDecimalSeparator(text, gapStart) && WordEnd(text, position) - position != 3) return -1;
            var wordEnd = WordEnd(text, position);
            if (!text[position..wordEnd].SequenceEqual(pattern.Words[w])) return -1;
            position = wordEnd;
        }
        return position;
    }

    /// <summary>
    /// Whether the number between <paramref name="start"/> and <paramref name="end"/> counts or labels something: a
    /// currency sign before it, a label word just before it or a unit word just after it.
    /// </summary>
    private static bool CountsOrLabels(ReadOnlySpan<char> text, int start, int end)
    {
        if (start > 0 && text[start - 1] is '$' or '£' or '€') return true;
        if ((start > 1 && IsDecimalSeparator(text, start - 1)) || (end < text.Length - 1 && IsDecimalSeparator(text, end))) return true;
        var before = start;
        while (before > 0 && text[before - 1] == ' ') before--;
        var wordStart = before;
        while (wordStart > 0 && char.IsLetterOrDigit(text[wordStart - 1])) wordStart--;
        if (wordStart < before && NumberLabels.Contains(text[wordStart..before])) return true;
        var after = end;
        while (after < text.Length && text[after] == ' ') after++;
        var wordEnd = WordEnd(text, after);
        return wordEnd > after && NumberUnits.Contains(text[after..wordEnd]);
    }

    private static bool IsDecimalSeparator(ReadOnlySpan<char> text, int at) =>
        text[at] is '.' or ',' && at > 0 && at + 1 < text.Length && char.IsAsciiDigit(text[at - 1]) && char.IsAsciiDigit(text[at + 1]);

    private static bool HasContext(ReadOnlySpan<char> text, int matchStart, int matchEnd, WordSet context)
    {
        var position = matchStart;
        for (var seen = 0; seen < ContextWindow; seen++)
        {
            while (position > 0 && !char.IsLetterOrDigit(text[position - 1])) position--;
            if (position == 0) break;
            var wordEnd = position;
            while (position > 0 && char.IsLetterOrDigit(text[position - 1])) position--;
            if (context.Contains(text[position..wordEnd])) return true;
        }

        position = matchEnd;
        for (var seen = 0; seen < ContextWindow; seen++)
        {
            while (position < text.Length && !char.IsLetterOrDigit(text[position])) position++;
            if (position == text.Length) break;
            var wordEnd = WordEnd(text, position);
            if (context.Contains(text[position..wordEnd])) return true;
            position = wordEnd;
        }
        return false;
    }

    private static int WordEnd(ReadOnlySpan<char> text, int start)
    {
        var k = start;
        while (k < text.Length && char.IsLetterOrDigit(text[k])) k++;
        return k;
    }

    private static int LongestFirstWordOf(Pattern[] patterns)
    {
        var longest = 0;
        foreach (var pattern in patterns) longest = Math.Max(longest, pattern.Words[0].Length);
        return longest;
    }

    private static bool[] FirstCharsOf(Pattern[] patterns)
    {
        var firstChars = new bool[128];
        foreach (var pattern in patterns) firstChars[pattern.Words[0][0]] = true;
        return firstChars;
    }

    private static FrozenDictionary<string, Pattern[]> GroupByFirstWord()
    {
        var groups = new Dictionary<string, List<Pattern>>(StringComparer.Ordinal);
        foreach (var pattern in Patterns)
        {
            if (!groups.TryGetValue(pattern.Words[0], out var list)) groups[pattern.Words[0]] = list = [];
            list.Add(pattern);
        }

        var sorted = new Dictionary<string, Pattern[]>(StringComparer.Ordinal);
        foreach (var (first, list) in groups)
        {
            list.Sort((a, b) => b.Words.Length.CompareTo(a.Words.Length));
            sorted[first] = [.. list];
        }
        return sorted.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
