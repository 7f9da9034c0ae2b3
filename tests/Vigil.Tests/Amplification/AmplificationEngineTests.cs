using Vigil.Amplification;
using Vigil.Model;

namespace Vigil.Tests.Amplification;

public sealed class AmplificationEngineTests
{
    private static readonly DateTimeOffset Wednesday = new(2026, 11, 4, 12, 0, 0, TimeSpan.Zero);

    private static Dictionary<string, long> Followers(params (string Id, long Count)[] accounts) =>
        accounts.ToDictionary(a => a.Id, a => a.Count);

    private static Post Original(string id, string author, long views, DateTimeOffset? at = null) =>
        new() { Id = id, AuthorId = author, CreatedAt = at ?? Wednesday, Text = "t", Views = views };

    private static Post Repost(string id, string author, string of) =>
        new() { Id = id, AuthorId = author, CreatedAt = Wednesday.AddHours(1), RepostOfId = of };

    private static Interaction RepostInteraction(string account, string post) =>
        new() { Kind = InteractionKind.Repost, AccountId = account, PostId = post, At = Wednesday.AddHours(2) };

    private static AmplificationReport Run(AmplificationInput input, double threshold = 0.5) =>
        new AmplificationEngine(new AmplificationOptions { BotThreshold = threshold }).Attribute(input);

    [Fact]
    public void Views_are_split_by_the_audience_each_account_opened_the_post_to()
    {
        // Author 100 followers, bot 300, cluster member 100, human 500: 1,000 followers in all, 1,000 views.
        var report = Run(new AmplificationInput
        {
            Followers = Followers(("author", 100), ("bot", 300), ("member", 100), ("human", 500)),
            Posts = [Original("p", "author", 1000), Repost("r1", "bot", "p"), Repost("r2", "human", "p"), Repost("r3", "author", "p")],
            Interactions = [RepostInteraction("member", "p"), RepostInteraction("human", "p")],
            BotScores = new Dictionary<string, double> { ["bot"] = 0.9, ["member"] = 0.2, ["human"] = 0.1 },
            Clusters = [new HashSet<string> { "member" }],
        });

        var post = Assert.Single(report.Posts);
        Assert.Equal(3, post.Reposts); // human counted once, self-repost left out
        Assert.Equal(1, post.BotReposts);
        Assert.Equal(1, post.ClusterReposts);
        Assert.Equal(2, post.AmplifierReposts);
        Assert.Equal(300, post.BotViews, 9);
        Assert.Equal(100, post.ClusterViews, 9);
        Assert.Equal(400, post.AmplifierViews, 9);
        Assert.Equal(0.3, post.BotViewShare, 9);
    }

    [Fact]
    public void An_account_that_is_both_bot_and_clustered_counts_once_as_amplifier()
    {
        var report = Run(new AmplificationInput
        {
            Followers = Followers(("a", 0), ("x", 50), ("y", 50)),
            Posts = [Original("p", "a", 100), Repost("r", "x", "p"), Repost("s", "y", "p")],
            BotScores = new Dictionary<string, double> { ["x"] = 0.99 },
            Clusters = [new HashSet<string> { "x" }, new HashSet<string> { "x", "y" }],
        });

        var post = Assert.Single(report.Posts);
        Assert.Equal(1, post.BotReposts);
        Assert.Equal(2, post.ClusterReposts);
        Assert.Equal(2, post.AmplifierReposts);
        Assert.Equal(50, post.BotViews, 9);
        Assert.Equal(100, post.AmplifierViews, 9);
    }

    [Fact]
    public void Without_followers_views_are_split_equally_between_author_and_reposters()
    {
        var report = Run(new AmplificationInput
        {
            Posts = [Original("p", "a", 90), Repost("r", "b", "p"), Repost("s", "c", "p")],
            BotScores = new Dictionary<string, double> { ["b"] = 0.7 },
        });

        Assert.Equal(30, Assert.Single(report.Posts).BotViews, 9);
    }

    [Fact]
    public void A_repost_of_a_repost_is_credited_to_the_original_and_unknown_originals_are_ignored()
    {
        var report = Run(new AmplificationInput
        {
            Followers = Followers(("a", 10), ("b", 10), ("c", 20)),
            Posts = [Original("p", "a", 40), Repost("r", "b", "p"), Repost("rr", "c", "r"), Repost("x", "c", "missing")],
            BotScores = new Dictionary<string, double> { ["c"] = 0.8 },
        });

        var post = Assert.Single(report.Posts);
        Assert.Equal("p", post.PostId);
        Assert.Equal(2, post.Reposts);
        Assert.Equal(20, post.BotViews, 9);
    }

    [Fact]
    public void Bot_threshold_decides_who_is_a_high_bot_score_account()
    {
        var input = new AmplificationInput
        {
            Posts = [Original("p", "a", 10), Repost("r", "b", "p")],
            BotScores = new Dictionary<string, double> { ["b"] = 0.6 },
        };

        Assert.Equal(1, Assert.Single(Run(input, threshold: 0.6).Posts).BotReposts);
        Assert.Equal(0, Assert.Single(Run(input, threshold: 0.61).Posts).BotReposts);
    }

    [Fact]
    public void Weeks_start_on_Monday_UTC_and_split_antisemitic_other_hate_and_other()
    {
        var sunday = new DateTimeOffset(2026, 11, 1, 23, 59, 0, TimeSpan.Zero);
        var monday = new DateTimeOffset(2026, 11, 2, 0, 0, 0, TimeSpan.Zero);
        var report = Run(new AmplificationInput
        {
            Followers = Followers(("a", 1), ("b", 1)),
            Posts =
            [
                Original("p1", "a", 10, sunday), Original("p2", "a", 20, monday), Original("p3", "a", 30, monday),
                Original("p4", "a", 40, monday.AddDays(6)), Repost("r", "b", "p2"), Repost("s", "b", "p4"),
            ],
            BotScores = new Dictionary<string, double> { ["b"] = 1 },
            Flags = new Dictionary<string, PostFlags>
            {
                ["p2"] = new(Hateful: true, Antisemitic: true),
                ["p3"] = new(Hateful: true, Antisemitic: false),
                ["p4"] = new(Hateful: false, Antisemitic: true),
            },
        });

        Assert.Equal(
            [
                (new DateOnly(2026, 10, 26), PostCategory.Other, 1, 10.0, 0.0),
                (new DateOnly(2026, 11, 2), PostCategory.Antisemitic, 2, 60.0, 30.0),
                (new DateOnly(2026, 11, 2), PostCategory.OtherHate, 1, 30.0, 0.0),
            ],
            report.Weeks.Select(w => (w.Week, w.Category, w.Posts, w.Views, w.BotViews)).ToArray());
        Assert.Equal(0.5, report.Weeks[1].BotViewShare, 9);
        Assert.Equal(1.0, report.Weeks[1].BotRepostShare, 9);
    }

    [Fact]
    public void On_a_random_platform_weeks_sum_their_posts_and_attributed_views_never_exceed_the_total()
    {
        var random = new Random(5);
        var posts = new List<Post>();
        for (var i = 0; i < 60; i++)
            posts.Add(Original($"p{i}", $"u{random.Next(20)}", random.Next(0, 5000), Wednesday.AddHours(random.Next(0, 24 * 30))));
        for (var i = 0; i < 300; i++) posts.Add(Repost($"r{i}", $"u{random.Next(20)}", $"p{random.Next(60)}"));
        var report = Run(new AmplificationInput
        {
            Posts = posts,
            Followers = Enumerable.Range(0, 20).ToDictionary(i => $"u{i}", _ => (long)random.Next(0, 1000)),
            BotScores = Enumerable.Range(0, 20).ToDictionary(i => $"u{i}", _ => random.NextDouble()),
            Clusters = [new HashSet<string> { "u1", "u2", "u3", "u7" }],
            Flags = Enumerable.Range(0, 60).Where(i => i % 3 == 0).ToDictionary(i => $"p{i}", i => new PostFlags(true, i % 2 == 0)),
        });

        Assert.Equal(60, report.Posts.Count);
        foreach (var post in report.Posts)
        {
            Assert.InRange(post.AmplifierViews, Math.Max(post.BotViews, post.ClusterViews) - 1e-9, post.BotViews + post.ClusterViews + 1e-9);
            Assert.True(post.AmplifierViews <= post.Views + 1e-9);
            Assert.True(post.AmplifierReposts <= post.Reposts);
        }
        foreach (var week in report.Weeks)
        {
            var members = report.Posts.Where(p => p.Week == week.Week && p.Category == week.Category).ToArray();
            Assert.Equal(members.Length, week.Posts);
            Assert.Equal(members.Sum(p => p.Reposts), week.Reposts);
            Assert.Equal(members.Sum(p => p.BotViews), week.BotViews, 6);
        }
        Assert.Equal(report.Posts.Count, report.Weeks.Sum(w => w.Posts));
        Assert.Equal(report.Posts.Where(p => p.Reposts > 0), report.Reposted);
    }

    [Fact]
    public void Reposted_rows_are_the_posts_someone_other_than_their_author_reposted()
    {
        var report = Run(new AmplificationInput
        {
            Followers = Followers(("a", 10), ("x", 10)),
            Posts = [Original("p", "a", 100), Original("q", "a", 50), Original("s", "a", 70), Repost("r1", "x", "p"), Repost("r2", "a", "s")],
            Interactions = [RepostInteraction("a", "s")],
        });

        Assert.Equal(["p", "q", "s"], report.Posts.Select(p => p.PostId));
        var reposted = Assert.Single(report.Reposted);
        Assert.Equal(report.Posts[0], reposted);
        Assert.Equal(1, reposted.Reposts);
    }
}
