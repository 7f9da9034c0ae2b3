using Vigil.Coordination;

namespace Vigil.Tests.Coordination;

public sealed class CoordinationTextTests
{
    [Theory]
    [InlineData("Hello @Bob  WORLD", "hello world")]
    [InlineData("  @a @b  hi\tthere\n", "hi there")]
    [InlineData("mail me: x@y.org now", "mail me: x now")]
    [InlineData("@only", "")]
    public void Co_tweet_form_lowercases_drops_mentions_and_collapses_whitespace(string text, string expected) =>
        Assert.Equal(expected, CoordinationText.NormalizeForCoTweet(text));

    [Fact]
    public void Co_tweet_keys_agree_exactly_when_forms_agree()
    {
        Assert.Equal(CoordinationText.CoTweetKey("Vote NOW @x"), CoordinationText.CoTweetKey("vote   now"));
        Assert.NotEqual(CoordinationText.CoTweetKey("vote now"), CoordinationText.CoTweetKey("vote now!"));
    }

    [Fact]
    public void Tokens_keep_contractions_and_numbers_whole_and_split_off_punctuation()
    {
        Assert.Equal(new HashSet<string> { "don't", "pay", "3,000", "$", "!", "e.g", "." },
            CoordinationText.TokenSet("Don't pay $3,000!! e.g. @someone"));
    }

    [Fact]
    public void Tokens_keep_emoji_sequences_together()
    {
        Assert.Equal(new HashSet<string> { "hi", "👍🏽", "🙂" }, CoordinationText.TokenSet("hi 👍🏽🙂"));
    }

    [Theory]
    [InlineData(10, 0.8, 3)]
    [InlineData(5, 0.8, 2)]
    [InlineData(4, 1.0, 1)]
    [InlineData(3, 0.5, 2)]
    public void Prefix_length_is_size_minus_required_overlap_plus_one(int size, double threshold, int expected) =>
        Assert.Equal(expected, TokenTable.PrefixLength(size, threshold));
}
