using Vigil.Text;

namespace Vigil.Tests.Text;

/// <summary>Tricks undone char by char: compatibility forms, diacritics, invisible chars, emoji.</summary>
public sealed class CharacterTrickTests
{
    [Theory]
    [InlineData("ＪＥＷＳ", "jews")]                         // fullwidth
    [InlineData("𝐉𝐞𝐰𝐬", "jews")]                             // mathematical bold
    [InlineData("𝘑𝘦𝘸𝘴", "jews")]                             // mathematical sans-serif italic
    [InlineData("ⓙⓔⓦⓢ", "jews")]                             // circled
    [InlineData("🅹🅴🆆🆂", "jews")]                             // negative squared
    [InlineData("ᴊᴇᴡꜱ", "jews")]                             // small capitals
    [InlineData("ﬁnance", "finance")]                        // ligature
    [InlineData("Jéws Ünïted", "jews united")]               // precomposed diacritics
    [InlineData("Je\u0301ws", "jews")]                       // combining accent
    [InlineData("j\u0337\u0334e\u0336w\u0335s", "jews")]     // Zalgo-style stacked marks
    [InlineData("wasn’t", "wasn't")]                         // typographic apostrophe
    public void Compatibility_forms_and_diacritics_fold_to_plain_letters(string source, string expected) =>
        Assert.Equal(expected, TextNormalizer.Normalize(source));

    [Theory]
    [InlineData("Crème brûlée in Zürich")]
    [InlineData("naïve café")]
    public void Accented_words_keep_their_letters_only(string source)
    {
        var normalized = TextNormalizer.Normalize(source);
        Assert.Equal(source.ToLowerInvariant().Length, normalized.Length);
        Assert.All(normalized, c => Assert.True(c < 0x80, $"'{c}' should have lost its accent"));
    }

    [Theory]
    [InlineData("Москва и Санкт-Петербург", "москва и санкт-петербург")]
    [InlineData("Καλημέρα κόσμε", "καλημερα κοσμε")]
    [InlineData("שלום עולם", "שלום עולם")]
    [InlineData("नमस्ते दुनिया", "नमस्ते दुनिया")]               // Devanagari vowel signs are not diacritics
    [InlineData("東京 2024", "東京 2024")]
    public void Other_scripts_are_only_lower_cased(string source, string expected) =>
        Assert.Equal(expected, TextNormalizer.Normalize(source));

    [Theory]
    [InlineData("j\u200Bews")]       // zero-width space
    [InlineData("j\u200Cew\u200Ds")] // zero-width non-joiner, joiner
    [InlineData("je\u2060ws")]       // word joiner
    [InlineData("je\u00ADws")]       // soft hyphen
    [InlineData("\uFEFFjews")]       // byte-order mark
    [InlineData("jew\uFE0Fs")]       // variation selector
    [InlineData("j\u202Eews")]       // bidi override
    [InlineData("je\U000E0041ws")]   // tag char
    public void Invisible_chars_are_removed(string source) =>
        Assert.Equal("jews", TextNormalizer.Normalize(source));

    [Fact]
    public void White_space_of_any_kind_becomes_single_spaces()
    {
        Assert.Equal("one two three four", TextNormalizer.Normalize("  one\u00A0\u00A0two\t\n three\u3000four \r\n"));
    }

    [Theory]
    [InlineData("they are 🐀🐀", "they are rat rat")]
    [InlineData("🐍 in the 🏦", "snake in the bank")]
    [InlineData("look at the 👃🏻", "look at the nose")]     // skin tone modifier dropped
    [InlineData("✡️ control 💰", "star of david control money")]
    [InlineData("🇮🇱 and 🇵🇸", "israel and palestine")]
    [InlineData("into the 🔥", "into the fire")]
    public void Emoji_used_as_words_become_words(string source, string expected) =>
        Assert.Equal(expected, TextNormalizer.Normalize(source));

    [Theory]
    [InlineData("happy birthday 🎂🎉")]
    [InlineData("🇫🇷 vs 🇩🇪")]
    public void Other_emoji_pass_through(string source) =>
        Assert.Equal(source, TextNormalizer.Normalize(source));
}
