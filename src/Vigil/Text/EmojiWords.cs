using System.Collections.Frozen;

namespace Vigil.Text;

/// <summary>
/// Emoji that stand in for words in hateful posts (animals for dehumanisation, noses and money bags for tropes, ovens and
/// showers for Holocaust mockery), and the symbols that name Jews, Israel or Palestine. Written as plain words so that
/// "🐀" and "rat" are one feature. Emoji not listed pass through unchanged.
/// </summary>
internal static class EmojiWords
{
    private static readonly FrozenDictionary<int, string> Words = new Dictionary<int, string>
    {
        [0x1F400] = "rat", [0x1F401] = "mouse", [0x1F42D] = "mouse", [0x1F40D] = "snake", [0x1F437] = "pig",
        [0x1F416] = "pig", [0x1F43D] = "pig", [0x1F412] = "monkey", [0x1F435] = "monkey", [0x1F98D] = "gorilla",
        [0x1FAB3] = "cockroach", [0x1FAB1] = "worm", [0x1F98E] = "lizard", [0x1F419] = "octopus", [0x1F438] = "frog",
        [0x1F443] = "nose", [0x1F4B0] = "money", [0x1F4B5] = "money", [0x1F4B8] = "money", [0x1F4B2] = "money",
        [0x1F911] = "money", [0x1FA99] = "coin", [0x1F3E6] = "bank", [0x1F30D] = "globe", [0x1F30E] = "globe",
        [0x1F30F] = "globe", [0x1F310] = "globe", [0x1F4FA] = "tv",
        [0x1F479] = "ogre", [0x1F47A] = "goblin", [0x1F608] = "devil", [0x1F47F] = "devil", [0x1F9DB] = "vampire",
        [0x1F921] = "clown", [0x2620] = "skull", [0x1F480] = "skull", [0x1F4A9] = "poop", [0x1F9A0] = "virus",
        [0x1FA78] = "blood", [0x1F525] = "fire", [0x1F682] = "train", [0x1F6BF] = "shower", [0x26FD] = "gas",
        [0x1F9FC] = "soap", [0x1F52A] = "knife", [0x1F5E1] = "dagger", [0x1F52B] = "gun", [0x1F4A3] = "bomb",
        [0x1FA93] = "axe", [0x26A1] = "lightning", [0x1F44C] = "ok hand",
        [0x2721] = "star of david", [0x1F52F] = "star of david", [0x1F54E] = "menorah", [0x1F54D] = "synagogue",
        // 卍 is also a Buddhist sign; written as the word all the same, the classifier weighs it in context.
        [0x5350] = "swastika", [0x534D] = "swastika",
        [0x1F349] = "watermelon", [0x1F53B] = "red triangle",
    }.ToFrozenDictionary();

    // Flags are pairs of regional-indicator letters; only the two that the taxonomy's targets need are named.
    private static readonly FrozenDictionary<int, string> Flags = new Dictionary<int, string>
    {
        [FlagKey('i', 'l')] = "israel", [FlagKey('p', 's')] = "palestine",
    }.ToFrozenDictionary();

    private const int RegionalIndicatorA = 0x1F1E6;

    /// <summary>Longest word written for one emoji, spaces included; bounds how far one char can grow.</summary>
    public const int MaxWordLength = 15;

    public static string? Lookup(int codePoint) => Words.GetValueOrDefault(codePoint);

    public static bool IsRegionalIndicator(int codePoint) => codePoint is >= RegionalIndicatorA and <= 0x1F1FF;

    public static string? LookupFlag(int first, int second) =>
        Flags.GetValueOrDefault(FlagKey((char)('a' + first - RegionalIndicatorA), (char)('a' + second - RegionalIndicatorA)));

    private static int FlagKey(char first, char second) => (first << 8) | second;
}
