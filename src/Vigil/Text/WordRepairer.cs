using System.Globalization;
using System.Runtime.CompilerServices;

namespace Vigil.Text;

/// <summary>
/// Second stage: works word by word on folded text. Joins spaced-out letters ("j e w s", "j.e.w.s"), replaces
/// Cyrillic and Greek look-alikes in Latin words, undoes leetspeak ("j3w", "$oros", "k!ke") and shortens stretched
/// letters ("jeeewwws"). Each rule is written to leave ordinary words, numbers and codes as they are; see the remarks
/// on each method for where the line is drawn.
/// </summary>
internal static class WordRepairer
{
    /// <summary>Longer runs (hashes, run-together URLs) are copied as they are: no word worth repairing is this long.</summary>
    private const int MaxWordLength = 48;
    private const int MinSpacedLetters = 3;
    private const int MinStretchedRun = 3;

    // Alphanumeric names whose digits sit between letters yet are not leetspeak.
    private static readonly WordSet NotLeet = new(
        "h1n1", "h5n1", "h7n9", "w3c", "a1c", "k8s", "i18n", "l10n", "a11y", "c3po", "gpt4o");

    /// <returns>
    /// False when no word needed repair; <paramref name="output"/> is then left empty and the caller goes on with
    /// <paramref name="text"/> itself (most texts: copying them unchanged cost as much as checking them).
    /// </returns>
    public static bool Repair(ReadOnlySpan<char> text, ReadOnlySpan<int> offsets, ReadOnlySpan<char> source,
        ref OffsetWriter output)
    {
        var repaired = false;
        Span<char> word = stackalloc char[MaxWordLength];
        Span<int> wordOffsets = stackalloc int[MaxWordLength];
        var unchangedFrom = 0; // text that needs no repair is copied in runs, not char by char
        var i = 0;
        while (i < text.Length)
        {
            // Most words are plain lower-case ASCII letters: one scan finds the word's end and whether it needs repair
            // (a run of three equal letters), so no second pass over every word.
            var plainEnd = i;
            var stretched = false;
            while (plainEnd < text.Length && text[plainEnd] is >= 'a' and <= 'z')
            {
                stretched |= plainEnd >= i + 2 && text[plainEnd] == text[plainEnd - 1] && text[plainEnd] == text[plainEnd - 2];
                plainEnd++;
            }
            var end = WordEnd(text, i, plainEnd);
            if (end == i)
            {
                i++;
                continue;
            }

            var length = end == i + 1 ? CollectSpacedLetters(text, offsets, i, word, wordOffsets, ref end) : 0;
            if (length == 0)
            {
                // A word that runs past its plain prefix holds a char outside a–z, so it may need repair.
                if (end - i > MaxWordLength || (end == plainEnd && !stretched))
                {
                    i = end;
                    continue;
                }
                length = end - i;
                text[i..end].CopyTo(word);
                offsets[i..end].CopyTo(wordOffsets);
            }

            output.Copy(text[unchangedFrom..i], offsets[unchangedFrom..i]);
            length = RepairWord(word[..length], wordOffsets, source);
            output.Copy(word[..length], wordOffsets[..length]);
            i = unchangedFrom = end;
            repaired = true;
        }
        if (repaired) output.Copy(text[unchangedFrom..], offsets[unchangedFrom..]);
        return repaired;
    }

    // Called per char in the normaliser's loops, where a call costs more than the test.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsWordCore(char c) =>
        char.IsLetterOrDigit(c) || (c >= 0x300 && CharUnicodeInfo.GetUnicodeCategory(c) is
            UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsLeetSymbol(char c) => c is '$' or '@' or '!' or '|';

    /// <summary>
    /// End of the word starting at <paramref name="start"/>. Leet symbols belong to a word only between word chars
    /// ("k!ke", "n@zi"), or, for '$', at its start before a letter ("$oros") or its end after one ("jew$"): "wow!"
    /// and "$5" keep their punctuation. <paramref name="from"/> is where to start looking: chars before it are known
    /// word chars.
    /// </summary>
    private static int WordEnd(ReadOnlySpan<char> text, int start, int from)
    {
        var k = from;
        while (k < text.Length)
        {
            var c = text[k];
            if (IsWordCore(c))
            {
                k++;
                continue;
            }

            var next = k + 1 < text.Length ? text[k + 1] : ' ';
            var joins = IsLeetSymbol(c) && (k > start ? IsWordCore(next) : c == '$' && char.IsLetter(next));
            if (joins) k++;
            else if (c == '$' && k > start && char.IsLetter(text[k - 1]) && !IsWordCore(next)) return k + 1;
            else break;
        }
        return k;
    }

    /// <summary>
    /// Three or more one-char words joined by the same separator ("j e w s", "j.e.w.s", "j-e-w-s", "j_e_w_s",
    /// "j. e. w. s."), at least two of them letters, become one word. "e.g." (two letters) and "a - b" (a separator
    /// with a space before it) stay.
    /// </summary>
    /// <returns>The word's length in <paramref name="word"/>, or 0 when the text there is not spaced letters.</returns>
    private static int CollectSpacedLetters(ReadOnlySpan<char> text, ReadOnlySpan<int> offsets, int start,
        Span<char> word, Span<int> wordOffsets, ref int end)
    {
        // A letter after an apostrophe ends a contraction ("that's a …"): it starts no spaced word.
        if (start + 2 >= text.Length || !IsSpacedSeparator(text[start + 1]) || (start > 0 && text[start - 1] == '\'')) return 0;
        var separator = text[start + 1];
        // A punctuation separator may carry one space after it ("j. e. w. s."); every gap must match the first.
        var gap = separator != ' ' && text[start + 2] == ' ' ? 2 : 1;
        var count = 0;
        var letters = 0;
        var k = start;
        while (count < word.Length)
        {
            word[count] = text[k];
            wordOffsets[count] = offsets[k];
            count++;
            if (char.IsLetter(text[k])) letters++;
            var next = k + 1 + gap;
            if (next < text.Length && text[k + 1] == separator && (gap == 1 || text[k + 2] == ' ') &&
                IsLoneChar(text, next, separator)) k = next;
            else break;
        }

        if (count < MinSpacedLetters || letters < 2) return 0;
        end = k + 1;
        return count;
    }

    private static bool IsSpacedSeparator(char c) => c is ' ' or '.' or '-' or '_' or '*' or '/' or '+' or '~' or '·';

    /// <summary>A letter or digit standing alone; one followed by '*' begins a censored word ("f**k"), unless '*' is
    /// the separator.</summary>
    private static bool IsLoneChar(ReadOnlySpan<char> text, int i, char separator) =>
        char.IsLetterOrDigit(text[i]) &&
        (i + 1 == text.Length || !IsWordCore(text[i + 1]) && (text[i + 1] != '*' || separator == '*'));

    private static int RepairWord(Span<char> word, Span<int> offsets, ReadOnlySpan<char> source)
    {
        ReplaceLookAlikes(word, offsets, source);
        UndoLeet(word);
        return ShortenStretchedLetters(word, offsets);
    }

    /// <summary>
    /// Replaces Cyrillic and Greek look-alikes when the word's dominant script is Latin (ties go to Latin): "јеws" and
    /// "pаypal" are repaired, "Москва" and "λόγος" are not, nor a Cyrillic word holding one stray Latin letter.
    /// </summary>
    private static void ReplaceLookAlikes(Span<char> word, ReadOnlySpan<int> offsets, ReadOnlySpan<char> source)
    {
        var latin = 0;
        var other = 0;
        var lookAlikes = 0;
        for (var k = 0; k < word.Length; k++)
        {
            var c = word[k];
            if (!char.IsLetter(c)) continue;
            if (Homoglyphs.IsLatinLetter(c)) latin++;
            else if (Homoglyphs.IsCyrillicOrGreek(c) && Homoglyphs.LatinFor(source[offsets[k]], c) != '\0') lookAlikes++;
            else other++;
        }

        if (lookAlikes == 0 || latin == 0 || latin < lookAlikes + other) return;
        for (var k = 0; k < word.Length; k++)
        {
            if (!Homoglyphs.IsCyrillicOrGreek(word[k])) continue;
            var latinLetter = Homoglyphs.LatinFor(source[offsets[k]], word[k]);
            if (latinLetter != '\0') word[k] = latinLetter;
        }
    }

    /// <summary>
    /// Digits and symbols stand for letters only when at least one of them sits between letters ("j3w", "0v3n",
    /// "z10n1st"), or '$' starts or ends the word ("$oros", "jew$"), the word has two letters or more and no more
    /// substitutes than letters, and every substitute has a reading. So numbers, dates, prices and times (no letters),
    /// and codes with digits only at an end ("covid19", "4chan", "mp3", "6mwe", "1st", "x86") or an unreadable digit
    /// ("b2b", "y2k", "4x4" has one letter) stay as written.
    /// </summary>
    private static void UndoLeet(Span<char> word)
    {
        var letters = 0;
        var substitutes = 0;
        var firstLetter = -1;
        var lastLetter = -1;
        for (var k = 0; k < word.Length; k++)
        {
            var c = word[k];
            if (char.IsLetter(c))
            {
                letters++;
                if (firstLetter < 0) firstLetter = k;
                lastLetter = k;
            }
            else if (c is >= '0' and <= '9' || IsLeetSymbol(c))
            {
                if (LeetLetter(c) == '\0') return;
                substitutes++;
            }
        }

        if (letters < 2 || substitutes == 0 || substitutes > letters) return;
        var triggered = word[0] == '$' || word[^1] == '$';
        for (var k = firstLetter + 1; k < lastLetter && !triggered; k++) triggered = LeetLetter(word[k]) != '\0';
        if (!triggered || HasForJoiner(word) || NotLeet.Contains(word)) return;

        for (var k = 0; k < word.Length; k++)
        {
            var letter = word[k] == '1' ? ReadOne(word, k) : LeetLetter(word[k]);
            if (letter != '\0') word[k] = letter;
        }
    }

    /// <summary>
    /// '1' stands for 'l' before a vowel when the letter before it could begin a cluster with l ("s1ut", "g1obalist",
    /// "b1ood", "mus1im", "ho1ocaust", "1ord"), and for 'i' otherwise ("k1ke", "h1tler", "d1e", "n1gger").
    /// </summary>
    private static char ReadOne(ReadOnlySpan<char> word, int k)
    {
        var next = k + 1 < word.Length ? Readable(word[k + 1]) : '\0';
        if (!IsVowel(next)) return 'i';
        if (k == 0) return 'l';
        var previous = Readable(word[k - 1]);
        return IsVowel(previous) || previous is 'b' or 'c' or 'f' or 'g' or 'k' or 'p' or 's' ? 'l' : 'i';
    }

    private static char Readable(char c) => LeetLetter(c) is var letter and not '\0' ? letter : c;

    private static bool IsVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u';

    /// <summary>
    /// A lone '4' between two runs of three letters or more reads "for", not "a": "act4palestine", "group4peace".
    /// The cost is a missed evasion of a long word ("holoc4ust").
    /// </summary>
    private static bool HasForJoiner(ReadOnlySpan<char> word)
    {
        for (var k = 3; k < word.Length - 3; k++)
        {
            if (word[k] != '4') continue;
            if (char.IsLetter(word[k - 1]) && char.IsLetter(word[k - 2]) && char.IsLetter(word[k - 3]) &&
                char.IsLetter(word[k + 1]) && char.IsLetter(word[k + 2]) && char.IsLetter(word[k + 3]))
                return true;
        }
        return false;
    }

    private static char LeetLetter(char c) => c switch
    {
        '0' => 'o', '1' => 'i', '3' => 'e', '4' => 'a', '5' => 's', '7' => 't', '8' => 'b', '9' => 'g',
        '$' => 's', '@' => 'a', '!' => 'i', '|' => 'l',
        _ => '\0',
    };

    /// <summary>
    /// A letter repeated three times or more becomes one ("jeeewwws" → "jews", "soooo" → "so"); doubles are English
    /// spelling ("too", "good", "jewish" untouched). A word that is one letter repeated is an acronym or a sound and
    /// stays ("kkk", "zzz"). The price: emphatic doubles collapse too far ("goooood" → "god"). Digits are never
    /// shortened ("1000").
    /// </summary>
    private static int ShortenStretchedLetters(Span<char> word, Span<int> offsets)
    {
        if (word.IndexOfAnyExcept(word[0]) < 0) return word.Length;
        var written = 0;
        var k = 0;
        while (k < word.Length)
        {
            var run = 1;
            while (k + run < word.Length && word[k + run] == word[k]) run++;
            var keep = run >= MinStretchedRun && char.IsLetter(word[k]) ? 1 : run;
            for (var j = 0; j < keep; j++)
            {
                word[written] = word[k + j];
                offsets[written] = offsets[k + j];
                written++;
            }
            k += run;
        }
        return written;
    }
}
