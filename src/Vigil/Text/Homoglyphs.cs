using System.Collections.Frozen;

namespace Vigil.Text;

/// <summary>
/// Cyrillic and Greek letters that look like Latin ones. Applied per word, only when the word is mostly Latin, so a
/// Latin word salted with look-alikes is repaired while genuine Cyrillic and Greek words stay as written. Keyed by the
/// source char, case included, because some capitals and their small letters look like different Latin letters
/// (Greek Ν looks like N, ν like v).
/// </summary>
internal static class Homoglyphs
{
    private static readonly FrozenDictionary<char, char> LatinLookAlike = new Dictionary<char, char>
    {
        // Cyrillic capitals and small letters
        ['А'] = 'a', ['а'] = 'a', ['В'] = 'b', ['в'] = 'b', ['Е'] = 'e', ['е'] = 'e', ['Ё'] = 'e', ['ё'] = 'e',
        ['К'] = 'k', ['к'] = 'k', ['М'] = 'm', ['м'] = 'm', ['Н'] = 'h', ['н'] = 'h', ['О'] = 'o', ['о'] = 'o',
        ['Р'] = 'p', ['р'] = 'p', ['С'] = 'c', ['с'] = 'c', ['Т'] = 't', ['т'] = 't', ['У'] = 'y', ['у'] = 'y',
        ['Х'] = 'x', ['х'] = 'x', ['І'] = 'i', ['і'] = 'i', ['Ї'] = 'i', ['ї'] = 'i', ['Ј'] = 'j', ['ј'] = 'j',
        ['Ѕ'] = 's', ['ѕ'] = 's', ['Ԁ'] = 'd', ['ԁ'] = 'd', ['Ԛ'] = 'q', ['ԛ'] = 'q', ['Ԝ'] = 'w', ['ԝ'] = 'w',
        ['Ӏ'] = 'l', ['ӏ'] = 'l', ['Һ'] = 'h', ['һ'] = 'h', ['Ү'] = 'y', ['ү'] = 'y', ['Ь'] = 'b',
        // Greek capitals and small letters
        ['Α'] = 'a', ['α'] = 'a', ['Β'] = 'b', ['β'] = 'b', ['Ε'] = 'e', ['ε'] = 'e', ['Ζ'] = 'z', ['Η'] = 'h',
        ['η'] = 'n', ['Ι'] = 'i', ['ι'] = 'i', ['Κ'] = 'k', ['κ'] = 'k', ['Μ'] = 'm', ['μ'] = 'u', ['Ν'] = 'n',
        ['ν'] = 'v', ['Ο'] = 'o', ['ο'] = 'o', ['Ρ'] = 'p', ['ρ'] = 'p', ['Τ'] = 't', ['τ'] = 't', ['Υ'] = 'y',
        ['υ'] = 'u', ['Χ'] = 'x', ['χ'] = 'x', ['ϲ'] = 'c', ['Ϲ'] = 'c', ['ϳ'] = 'j', ['ω'] = 'w',
    }.ToFrozenDictionary();

    /// <summary>The Latin letter <paramref name="source"/> (or, failing that, its fold) passes for, or '\0'.</summary>
    public static char LatinFor(char source, char folded) =>
        LatinLookAlike.TryGetValue(source, out var latin) || LatinLookAlike.TryGetValue(folded, out latin) ? latin : '\0';

    public static bool IsCyrillicOrGreek(char c) => c is >= '\u0370' and <= '\u052F' or >= '\u1F00' and <= '\u1FFF';

    /// <summary>Latin letters as they look after folding: ASCII plus the Latin blocks that keep their own letters.</summary>
    public static bool IsLatinLetter(char c) =>
        c is >= 'a' and <= 'z' || (c is >= '\u00C0' and <= '\u024F' or >= '\u1E00' and <= '\u1EFF' && char.IsLetter(c));
}
