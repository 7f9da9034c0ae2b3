using System.Collections.Frozen;
using System.Text;

namespace Vigil.Model;

/// <summary>
/// Converts enum members to and from kebab-case (<c>ConspiracyControlTrope</c> ↔ <c>conspiracy-control-trope</c>), the
/// spelling used in data files, exports and AT Protocol label values.
/// </summary>
public static class Kebab
{
    public static string From<TEnum>(TEnum value) where TEnum : struct, Enum =>
        Spellings<TEnum>.ByValue.TryGetValue(value, out var name) ? name : Spell(value.ToString());

    /// <summary>A member's kebab-case name; a number or anything that is not exactly a member's spelling is refused.</summary>
    public static bool TryParse<TEnum>(string text, out TEnum value) where TEnum : struct, Enum =>
        Spellings<TEnum>.ByName.TryGetValue(text, out value);

    /// <summary>The same from characters that are not a string yet (a column's bytes decoded into a buffer).</summary>
    public static bool TryParse<TEnum>(ReadOnlySpan<char> text, out TEnum value) where TEnum : struct, Enum =>
        Spellings<TEnum>.ByNameSpan.TryGetValue(text, out value);

    public static TEnum Parse<TEnum>(string text, string source, int line) where TEnum : struct, Enum =>
        TryParse<TEnum>(text, out var value)
            ? value
            : throw new FormatException($"{source}:{line}: '{text}' is not a known {typeof(TEnum).Name} " +
                                        $"(expected one of: {string.Join(", ", Enum.GetValues<TEnum>().Select(From))}).");

    private static string Spell(string pascal)
    {
        var builder = new StringBuilder(pascal.Length + 8);
        for (var i = 0; i < pascal.Length; i++)
        {
            var c = pascal[i];
            if (char.IsUpper(c))
            {
                if (i > 0) builder.Append('-');
                builder.Append(char.ToLowerInvariant(c));
            }
            else
            {
                builder.Append(c);
            }
        }
        return builder.ToString();
    }

    /// <summary>
    /// Each enum's spellings, made once: naming and parsing sit on hot paths (every stored assessment is four of them,
    /// every decision event several), where building each name anew was most of reading an assessment back.
    /// </summary>
    private static class Spellings<TEnum> where TEnum : struct, Enum
    {
        public static readonly FrozenDictionary<TEnum, string> ByValue =
            Enum.GetValues<TEnum>().Distinct().ToFrozenDictionary(value => value, value => Spell(value.ToString()));

        public static readonly FrozenDictionary<string, TEnum> ByName =
            ByValue.ToFrozenDictionary(pair => pair.Value, pair => pair.Key, StringComparer.Ordinal);

        public static readonly FrozenDictionary<string, TEnum>.AlternateLookup<ReadOnlySpan<char>> ByNameSpan =
            ByName.GetAlternateLookup<ReadOnlySpan<char>>();
    }
}
