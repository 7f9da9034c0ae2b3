using Vigil.Text;

namespace Vigil.Tests.Text;

/// <summary>Tricks undone word by word: look-alike letters, leetspeak, spaced and stretched letters.</summary>
public sealed class WordTrickTests
{
    [Theory]
    [InlineData("\u0458\u0435ws", "jews")]               // Cyrillic je, ie in a Latin word
    [InlineData("h\u043El\u043Ec\u0430ust", "holocaust")] // Cyrillic o, o, a
    [InlineData("p\u0430yp\u0430l", "paypal")]
    [InlineData("z\u03B9\u03BFnists", "zionists")]       // Greek iota, omicron
    [InlineData("\u039Dazis", "nazis")]                  // Greek capital Nu reads as N ...
    [InlineData("e\u03BDil", "evil")]                    // ... while small nu reads as v
    public void Look_alike_letters_in_latin_words_become_latin(string source, string expected) =>
        Assert.Equal(expected, TextNormalizer.Normalize(source));

    [Theory]
    [InlineData("Москва", "москва")]
    [InlineData("сорок", "сорок")]                       // every letter a look-alike, but no Latin letter in the word
    [InlineData("при\u0065вет", "при\u0065вет")]         // a stray Latin e in a Cyrillic word
    [InlineData("οκ", "οκ")]                             // Greek
    public void Words_mainly_in_cyrillic_or_greek_keep_their_letters(string source, string expected) =>
        Assert.Equal(expected, TextNormalizer.Normalize(source));

    [Theory]
    [InlineData("j3w", "jew")]
    [InlineData("J3WS", "jews")]
    [InlineData("0v3n", "oven")]
    [InlineData("z10n1st", "zionist")]
    [InlineData("h1tl3r", "hitler")]
    [InlineData("n4z1", "nazi")]
    [InlineData("j00s", "joos")]
    [InlineData("$oros", "soros")]
    [InlineData("k!ke", "kike")]
    [InlineData("n@zi", "nazi")]
    [InlineData("ho|ocaust", "holocaust")]
    [InlineData("sh3k3ls", "shekels")]
    public void Leetspeak_inside_words_becomes_letters(string source, string expected) =>
        Assert.Equal(expected, TextNormalizer.Normalize(source));

    [Theory]
    [InlineData("1,000,000 people")]
    [InlineData("2024-05-14")]
    [InlineData("at 10:30 pm")]
    [InlineData("$100 or $9.99")]
    [InlineData("version 1.2.3 and v2")]
    [InlineData("b2b and p2p")]
    [InlineData("4x4 truck")]
    [InlineData("covid19 and h1n1")]
    [InlineData("4chan 8kun mp3 x86 1st 2nd 80s")]
    [InlineData("wow! really!")]
    [InlineData("i18n a11y k8s")]
    public void Numbers_dates_prices_versions_and_codes_stay(string source) =>
        Assert.Equal(source, TextNormalizer.Normalize(source));

    [Theory]
    [InlineData("the j e w s did it", "the jews did it")]
    [InlineData("j.e.w.s", "jews")]
    [InlineData("j-e-w-s", "jews")]
    [InlineData("j_e_w_s", "jews")]
    [InlineData("J E W S", "jews")]
    [InlineData("n a z i", "nazi")]
    [InlineData("j 3 w s", "jews")]                      // spaced and leet at once
    public void Spaced_letters_join_into_a_word(string source, string expected) =>
        Assert.Equal(expected, TextNormalizer.Normalize(source));

    [Theory]
    [InlineData("e.g. this")]
    [InlineData("i.e. that")]
    [InlineData("a - b - c")]
    [InlineData("plan a or b")]
    [InlineData("1 2 3 go")]
    [InlineData("t-shirt and x-ray")]
    public void Ordinary_short_words_stay_apart(string source) =>
        Assert.Equal(source, TextNormalizer.Normalize(source));

    [Theory]
    [InlineData("jeeewwws", "jews")]
    [InlineData("soooo", "so")]
    [InlineData("Nazzzzis", "nazis")]
    public void Letters_stretched_three_times_or_more_shrink_to_one(string source, string expected) =>
        Assert.Equal(expected, TextNormalizer.Normalize(source));

    [Theory]
    [InlineData("too good jewish coffee")]
    [InlineData("1000 and 2000000")]
    [InlineData("bookkeeper")]
    public void Doubled_letters_and_repeated_digits_stay(string source) =>
        Assert.Equal(source, TextNormalizer.Normalize(source));
}
