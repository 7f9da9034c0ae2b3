using System.Text;

namespace Vigil.Model;

/// <summary>
/// Converts enum members to and from kebab-case (<c>ConspiracyControlTrope</c> ↔ <c>conspiracy-control-trope</c>), the
/// spelling used in data files, exports and AT Protocol label values.
/// </summary>
public static class Kebab
{
    public static string From<TEnum>(TEnum value) where TEnum : struct, Enum
    {
        var name = value.ToString();
        var builder = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
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

    public static bool TryParse<TEnum>(string text, out TEnum value) where TEnum : struct, Enum
    {
        var pascal = new StringBuilder(text.Length);
        var upper = true;
        foreach (var c in text)
        {
            if (c == '-') { upper = true; continue; }
            pascal.Append(upper ? char.ToUpperInvariant(c) : c);
            upper = false;
        }
        return Enum.TryParse(pascal.ToString(), ignoreCase: false, out value) && From(value) == text;
    }

    public static TEnum Parse<TEnum>(string text, string source, int line) where TEnum : struct, Enum =>
        TryParse<TEnum>(text, out var value)
            ? value
            : throw new FormatException($"{source}:{line}: '{text}' is not a known {typeof(TEnum).Name} " +
                                        $"(expected one of: {string.Join(", ", Enum.GetValues<TEnum>().Select(From))}).");
}
