namespace Vigil.Text;

/// <summary>
/// The words the normaliser writes in place of constructs (links, mentions, echoes, coded references). Each starts with
/// <c>xx</c> followed by a name, a spelling ordinary text does not produce, so a feature on them is a feature on the
/// construct. The list is part of the normaliser's contract with the classifier: add, never rename.
/// </summary>
internal static class ReservedTokens
{
    /// <summary>A link; the normaliser writes the host after it (<c>xxurl example.org</c>).</summary>
    public const string Url = "xxurl";
    /// <summary>An e-mail address (the address itself is dropped).</summary>
    public const string Email = "xxemail";
    /// <summary>An @mention or fediverse handle.</summary>
    public const string User = "xxuser";
    /// <summary>Triple brackets around a name, <c>(((name)))</c>; the name follows the token.</summary>
    public const string Echo = "xxecho";
    /// <summary>1488, 14/88: the fourteen-words slogan plus "Heil Hitler".</summary>
    public const string Num1488 = "xxnum1488";
    /// <summary>The fourteen-words white-supremacist slogan.</summary>
    public const string Num14Words = "xxnum14words";
    /// <summary>88 for "Heil Hitler", only next to other Nazi references.</summary>
    public const string Num88 = "xxnum88";
    /// <summary>"Six million wasn't enough" and its abbreviation 6MWE.</summary>
    public const string Num6Mwe = "xxnum6mwe";
    /// <summary>The "expelled from 109 countries" meme.</summary>
    public const string Num109 = "xxnum109";
    /// <summary>271k / 271,000, a Holocaust-minimising figure, only in a Holocaust context.</summary>
    public const string Num271K = "xxnum271k";
    /// <summary>13/50, an anti-Black hate code (not antisemitic; kept for the other-group-hate code).</summary>
    public const string Num1350 = "xxnum1350";
    /// <summary>ZOG, "Zionist-occupied government".</summary>
    public const string Zog = "xxzog";
    /// <summary>JQ, "the Jewish question", only beside words that make it one.</summary>
    public const string Jq = "xxjq";
    /// <summary>"The nose" as a stand-in for Jews, only beside words that make it one.</summary>
    public const string Nose = "xxnose";

    public static IReadOnlyList<string> All { get; } =
        [Url, Email, User, Echo, Num1488, Num14Words, Num88, Num6Mwe, Num109, Num271K, Num1350, Zog, Jq, Nose];

    public static bool Is(ReadOnlySpan<char> token)
    {
        if (!token.StartsWith("xx", StringComparison.Ordinal)) return false;
        foreach (var reserved in All)
            if (token.SequenceEqual(reserved)) return true;
        return false;
    }
}
