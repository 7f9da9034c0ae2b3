using Vigil.Bots;
using Vigil.Model;

namespace Vigil.Tests.Bots;

public sealed class PostingBehaviourTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private static Post At(DateTimeOffset at, string text = "", string? repostOf = null, string? replyTo = null,
        string[]? hashtags = null, string[]? urls = null) => new()
    {
        Id = at.Ticks.ToString(), AuthorId = "a", CreatedAt = at, Text = text, RepostOfId = repostOf, ReplyToId = replyTo,
        Hashtags = hashtags ?? [], Urls = urls ?? [],
    };

    [Fact]
    public void A_clockwork_schedule_has_no_gap_variation_and_no_gap_entropy()
    {
        var posts = Enumerable.Range(0, 10).Select(i => At(Start.AddMinutes(30 * i), $"post {i}")).Reverse().ToList();

        var b = PostingBehaviour.From(posts);

        Assert.Equal(0, b.GapVariation, 9);
        Assert.Equal(0, b.GapEntropy, 9);
        Assert.Equal(0, b.BurstShare);
        Assert.Equal(10, b.PostsPerDay, 9); // spread over less than a day: a rate over one day
    }

    [Fact]
    public void Bursts_are_gaps_under_a_minute()
    {
        var posts = new[] { At(Start), At(Start.AddSeconds(10)), At(Start.AddSeconds(20)), At(Start.AddHours(5)) };

        Assert.Equal(2.0 / 3, PostingBehaviour.From(posts).BurstShare, 9);
    }

    [Fact]
    public void Shares_of_reposts_replies_and_repeated_text()
    {
        var posts = new[]
        {
            At(Start, "Buy now"), At(Start.AddHours(1), " buy NOW "), At(Start.AddHours(2), "something else", replyTo: "x"),
            At(Start.AddHours(3), repostOf: "y"),
        };

        var b = PostingBehaviour.From(posts);

        Assert.Equal(0.25, b.RepostShare, 9);
        Assert.Equal(0.25, b.ReplyShare, 9);
        Assert.Equal(1.0 / 3, b.DuplicateTextShare, 9);
    }

    [Fact]
    public void Diversity_counts_distinct_hashtags_and_link_hosts()
    {
        var posts = new[]
        {
            At(Start, "a", hashtags: ["x", "X"], urls: ["https://spam.example/1", "https://spam.example/2"]),
            At(Start.AddHours(1), "b", hashtags: ["y", "x"], urls: ["https://news.example/a"]),
        };

        var b = PostingBehaviour.From(posts);

        Assert.Equal(0.5, b.HashtagDiversity, 9);
        Assert.Equal(2.0 / 3, b.LinkDiversity, 9);
    }

    [Fact]
    public void Hour_entropy_is_zero_in_one_hour_and_one_bit_over_two_equal_hours()
    {
        Assert.Equal(0, PostingBehaviour.From([At(Start), At(Start.AddMinutes(5))]).HourEntropy, 9);
        Assert.Equal(1, PostingBehaviour.From([At(Start), At(Start.AddHours(7))]).HourEntropy, 9);
    }

    [Fact]
    public void One_post_leaves_gap_features_missing()
    {
        var b = PostingBehaviour.From([At(Start, "only")]);

        Assert.True(double.IsNaN(b.GapVariation));
        Assert.True(double.IsNaN(b.BurstShare));
        Assert.True(double.IsNaN(b.HashtagDiversity));
        Assert.Equal(0, b.DuplicateTextShare);
    }
}
