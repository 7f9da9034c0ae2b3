using Vigil.Text;

namespace Vigil.Tests.Text;

/// <summary>Constructs replaced by reserved tokens or split into words: echoes, codes, hashtags, links, mentions.</summary>
public sealed class ConstructTests
{
    [Theory]
    [InlineData("(((Goldberg))) again", "xxecho goldberg again")]
    [InlineData("ask (((them)))", "ask xxecho them")]
    [InlineData("((( the media )))", "xxecho the media")]
    [InlineData("[[[banker]]]", "xxecho banker")]
    [InlineData("（（（name）））", "xxecho name")]       // fullwidth brackets
    public void Echo_brackets_become_a_token_before_the_name(string source, string expected) =>
        Assert.Equal(expected, TextNormalizer.Normalize(source));

    [Theory]
    [InlineData("f(g(h(x)))")]
    [InlineData("see (a) and ((b))")]
    [InlineData("ok :)))")]
    [InlineData("(((unclosed")]
    [InlineData("((()))")]
    public void Other_brackets_stay(string source) =>
        Assert.Equal(source, TextNormalizer.Normalize(source));

    [Theory]
    [InlineData("1488", "xxnum1488")]
    [InlineData("14/88 brother", "xxnum1488 brother")]
    [InlineData("#1488", "#xxnum1488")]                   // digits-only hashtags keep '#', like "#42"
    [InlineData("1 4 8 8", "xxnum1488")]
    [InlineData("heil 88", "heil xxnum88")]
    [InlineData("remember the 14 words, white brother", "remember the xxnum14words, white brother")]
    [InlineData("14words", "xxnum14words")]
    [InlineData("6MWE", "xxnum6mwe")]
    [InlineData("6 million wasn't enough", "xxnum6mwe")]
    [InlineData("six million wasn’t enough", "xxnum6mwe")]
    [InlineData("kicked out of 109 countries", "kicked out of xxnum109")]
    [InlineData("only 271k died in the camps", "only xxnum271k died in the camps")]
    [InlineData("the red cross said 271,000", "the red cross said xxnum271k")]
    [InlineData("13/50", "xxnum1350")]
    [InlineData("ZOG", "xxzog")]
    [InlineData("solve the JQ", "solve the xxjq")]
    [InlineData("(((they))) all have the nose", "xxecho they all have xxnose")]
    [InlineData("88 to my comrades", "xxnum88 to my comrades")]
    [InlineData("109 expulsions, never their fault", "xxnum109 expulsions, never their fault")]
    [InlineData("14 88", "xxnum1488")]
    public void Coded_references_become_tokens(string source, string expected) =>
        Assert.Equal(expected, TextNormalizer.Normalize(source));

    [Theory]
    [InlineData("88 degrees in the shade")]
    [InlineData("route 14 and exit 88")]
    [InlineData("summed up in 14 words")]
    [InlineData("271,000 jobs added")]
    [InlineData("271k views")]
    [InlineData("pipe it through jq")]
    [InlineData("blow the nose")]
    [InlineData("room 109")]
    [InlineData("13 50 cent coins")]
    [InlineData("6 million people live there")]
    [InlineData("flight 1488 leaves at noon")]
    [InlineData("we shipped 1488 units")]
    [InlineData("lunch was $14.88")]
    [InlineData("lunch was 14.88 with tip")]
    [InlineData("my brother got 14,88 on the test")]
    [InlineData("room 109 is where the comrades meet")]
    [InlineData("the ss registered 88 women")]                // a count of people, even beside a Nazi word
    public void Ordinary_numbers_and_words_stay(string source) =>
        Assert.Equal(source, TextNormalizer.Normalize(source));

    [Theory]
    [InlineData("#JewsControlTheMedia", "jews control the media")]
    [InlineData("#StopAntisemitism now", "stop antisemitism now")]
    [InlineData("#BDSNow", "bds now")]
    [InlineData("#never_again", "never again")]
    [InlineData("#antisemitism", "antisemitism")]
    public void Hashtags_split_into_words(string source, string expected) =>
        Assert.Equal(expected, TextNormalizer.Normalize(source));

    [Theory]
    [InlineData("C# and F# code")]
    [InlineData("issue #42")]
    [InlineData("#42 @bob")]
    public void Hash_signs_that_are_not_hashtags_stay(string source) =>
        Assert.Equal(source.ToLowerInvariant().Replace("@bob", ReservedTokens.User), TextNormalizer.Normalize(source));

    [Theory]
    [InlineData("read https://www.Example.org/a/b?c=d now", "read xxurl example.org now")]
    [InlineData("see http://news.example.co.uk.", "see xxurl news.example.co.uk .")]
    [InlineData("www.example.com/page", "xxurl example.com")]
    [InlineData("go to bitchute.com/video/x", "go to xxurl bitchute.com")]
    [InlineData("(https://example.net/x)", "( xxurl example.net )")]
    [InlineData("hi @alice_99 and @bob@mastodon.social!", "hi xxuser and xxuser !")]
    [InlineData("mail me: john.doe@example.com", "mail me: xxemail")]
    public void Links_mentions_and_addresses_become_tokens(string source, string expected) =>
        Assert.Equal(expected, TextNormalizer.Normalize(source));

    [Theory]
    [InlineData("e.g. file.txt and node.js")]
    [InlineData("pi is 3.14")]
    [InlineData("meet @ 5")]
    public void Dotted_words_and_lone_at_signs_stay(string source) =>
        Assert.Equal(source, TextNormalizer.Normalize(source));

    [Fact]
    public void Reserved_tokens_are_distinct_and_look_like_no_ordinary_word()
    {
        Assert.Equal(ReservedTokens.All.Count, ReservedTokens.All.Distinct().Count());
        Assert.All(ReservedTokens.All, token => Assert.Matches("^xx[a-z0-9]+$", token));
    }
}
