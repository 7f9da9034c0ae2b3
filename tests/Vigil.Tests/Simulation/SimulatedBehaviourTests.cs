using System.Text.Json;
using Vigil.Simulation;
using static Vigil.Tests.Simulation.SimulatedPlatform;

namespace Vigil.Tests.Simulation;

/// <summary>The platform shows the behaviours the detectors downstream are meant to find, and the look-alikes they must not.</summary>
public sealed class SimulatedBehaviourTests(DefaultPlatformFixture fixture) : IClassFixture<DefaultPlatformFixture>
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(20);
    private readonly SimulatedPlatform _platform = fixture.Platform;
    private SimulationTruth Truth => _platform.Result.Truth;

    [Theory]
    [InlineData(ClusterKind.CoRetweet)]
    [InlineData(ClusterKind.CoTweetCopy)]
    [InlineData(ClusterKind.CoLink)]
    public void Cluster_members_act_on_the_same_thing_within_seconds(ClusterKind kind)
    {
        var cluster = Truth.Clusters.First(c => c.Kind == kind);
        var groups = MemberPosts(cluster)
            .Select(p => (Post: p, Key: kind switch
            {
                ClusterKind.CoRetweet => Optional(p, "repost_of_id"),
                ClusterKind.CoTweetCopy => Optional(p, "repost_of_id") is null ? WithoutLeadingMention(p) : null,
                _ => Strings(p, "urls").FirstOrDefault(),
            }))
            .Where(x => x.Key is not null)
            .GroupBy(x => x.Key!)
            // Short chatter repeats by chance over weeks; an event is the same key within an hour, by three or more.
            .SelectMany(g => Sessions(g.Select(x => x.Post), TimeSpan.FromHours(1)))
            .Where(session => session.Select(p => p.GetProperty("author_id").GetString()).Distinct().Count() >= 3)
            .ToList();

        Assert.True(groups.Count >= 5, $"only {groups.Count} co-action events found");
        var withinWindow = groups.Count(g => Span(g) <= Window);
        Assert.True(withinWindow >= 0.9 * groups.Count, $"{withinWindow} of {groups.Count} events within {Window.TotalSeconds} s");
    }

    [Fact]
    public void Paraphrase_clusters_post_near_duplicates_that_are_never_identical()
    {
        var cluster = Truth.Clusters.First(c => c.Kind == ClusterKind.Paraphrase);
        var posts = MemberPosts(cluster).Where(p => Optional(p, "repost_of_id") is null && Strings(p, "urls").Count == 0);
        var bursts = Sessions(posts, Window)
            .Where(b => b.Select(p => p.GetProperty("author_id").GetString()).Distinct().Count() >= 3).ToList();

        Assert.True(bursts.Count >= 5, $"only {bursts.Count} paraphrase bursts found");
        foreach (var burst in bursts)
        {
            var texts = burst.Select(p => p.GetProperty("text").GetString()!).ToList();
            Assert.Equal(texts.Count, texts.Distinct().Count());
        }
        var nearDuplicates = bursts.Count(b => MeanPairwiseJaccard(b.Select(p => p.GetProperty("text").GetString()!).ToList()) >= 0.4);
        Assert.True(nearDuplicates >= 0.9 * bursts.Count, $"{nearDuplicates} of {bursts.Count} bursts are near duplicates");
    }

    [Fact]
    public void Clusters_amplify_hateful_content_more_than_its_share_of_posts()
    {
        var labels = Truth.Posts.ToDictionary(p => p.Id, p => p.Label);
        var memberIds = Truth.Clusters.SelectMany(c => c.Members).ToHashSet();
        var clusterPosts = _platform.Posts.Where(p => memberIds.Contains(p.GetProperty("author_id").GetString()!)).ToList();
        var clusterHateful = clusterPosts.Count(p => labels[p.GetProperty("id").GetString()!].IsHateful) / (double)clusterPosts.Count;
        var overallHateful = Truth.Posts.Count(p => p.Label.IsHateful) / (double)Truth.Posts.Count;
        Assert.True(clusterHateful > 3 * overallHateful, $"cluster posts {clusterHateful:P1} hateful, all posts {overallHateful:P1}");
    }

    [Fact]
    public void Humans_sharing_a_popular_link_sometimes_do_so_within_seconds_by_chance()
    {
        var humans = Truth.Accounts.Where(a => !a.Bot).Select(a => a.Id).ToHashSet();
        var chanceCoShares = _platform.Posts
            .Where(p => humans.Contains(p.GetProperty("author_id").GetString()!))
            .SelectMany(p => Strings(p, "urls").Select(url => (Url: url, At: Time(p, "created_at"))))
            .GroupBy(x => x.Url)
            .Count(g => g.OrderBy(x => x.At).Zip(g.OrderBy(x => x.At).Skip(1)).Any(pair => pair.Second.At - pair.First.At <= Window));
        Assert.True(chanceCoShares >= 1, "no two humans shared a link within the window");
    }

    [Fact]
    public void Follower_counts_are_heavy_tailed()
    {
        var followers = _platform.Accounts.Select(a => a.GetProperty("followers").GetInt64()).Order().ToList();
        var median = followers[followers.Count / 2];
        Assert.True(followers[^1] > 20 * Math.Max(1, median), $"max {followers[^1]}, median {median}");
    }

    [Fact]
    public void Views_grow_with_the_authors_followers_and_the_reposts_a_post_gets()
    {
        var repostCounts = _platform.Posts.Select(p => Optional(p, "repost_of_id")).OfType<string>()
            .GroupBy(id => id).ToDictionary(g => g.Key, g => g.Count());
        var originals = _platform.Posts.Where(p => Optional(p, "repost_of_id") is null && Optional(p, "reply_to_id") is null)
            .Select(p => (Views: p.GetProperty("views").GetInt64(),
                Reposts: repostCounts.GetValueOrDefault(p.GetProperty("id").GetString()!),
                Followers: _platform.AccountsById[p.GetProperty("author_id").GetString()!].GetProperty("followers").GetInt64()))
            .ToList();

        var unshared = originals.Where(p => p.Reposts == 0).ToList();
        var shared = originals.Where(p => p.Reposts >= 3).ToList();
        Assert.NotEmpty(shared);
        Assert.True(shared.Average(p => p.Views) > 2 * unshared.Average(p => p.Views));
        var medianFollowers = originals.Select(p => p.Followers).Order().ElementAt(originals.Count / 2);
        Assert.True(originals.Where(p => p.Reposts == 0 && p.Followers > 4 * medianFollowers).Average(p => p.Views) >
                    2 * originals.Where(p => p.Reposts == 0 && p.Followers <= medianFollowers).Average(p => p.Views));
        var views = originals.Select(p => p.Views).Order().ToList();
        Assert.True(views[^1] > 20 * views[views.Count / 2], $"max views {views[^1]}, median {views[views.Count / 2]}");
        Assert.All(_platform.Posts.Where(p => Optional(p, "repost_of_id") is not null), p => Assert.Equal(0, p.GetProperty("views").GetInt64()));
    }

    [Fact]
    public void Humans_post_with_a_daily_rhythm_and_bots_around_the_clock()
    {
        var bots = Truth.Accounts.Where(a => a.Bot).Select(a => a.Id).ToHashSet();
        var human = new double[24];
        var bot = new double[24];
        foreach (var post in _platform.Posts)
        {
            if (Optional(post, "repost_of_id") is not null || Optional(post, "reply_to_id") is not null) continue;
            var hour = Time(post, "created_at").UtcDateTime.Hour;
            (bots.Contains(post.GetProperty("author_id").GetString()!) ? bot : human)[hour]++;
        }
        Assert.True(human.Max() > 2 * human.Min(), $"human hours range {human.Min()}..{human.Max()}");
        Assert.True(bot.Max() / bot.Min() < human.Max() / human.Min(), "bots are not flatter than humans");
    }

    [Fact]
    public void Some_accounts_are_suspended_and_some_restored_and_none_posts_while_suspended()
    {
        var suspended = _platform.Accounts.Where(a => a.TryGetProperty("suspended_at", out _)).ToList();
        Assert.NotEmpty(suspended);
        Assert.Contains(suspended, a => a.TryGetProperty("restored_at", out _));
        var windows = suspended.ToDictionary(a => a.GetProperty("id").GetString()!, a => (
            From: Time(a, "suspended_at"),
            To: a.TryGetProperty("restored_at", out _) ? Time(a, "restored_at") : DateTimeOffset.MaxValue));
        foreach (var window in windows.Values) Assert.True(window.To > window.From);
        foreach (var post in _platform.Posts)
        {
            if (!windows.TryGetValue(post.GetProperty("author_id").GetString()!, out var window)) continue;
            var at = Time(post, "created_at");
            Assert.False(at >= window.From && at < window.To, $"{post.GetProperty("id")} posted while its author was suspended");
        }
    }

    [Theory]
    [InlineData("age_days", true)]
    [InlineData("followers", false)]
    [InlineData("following", true)]
    [InlineData("following_ratio", true)]
    [InlineData("handle_digits", true)]
    [InlineData("description_length", false)]
    [InlineData("default_profile", true)]
    [InlineData("default_profile_image", true)]
    public void Bots_and_humans_differ_on_each_feature_but_it_never_separates_them(string feature, bool higherForBots)
    {
        var start = new DateTimeOffset(Truth.Options.Start.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var isBot = Truth.Accounts.ToDictionary(a => a.Id, a => a.Bot);
        var samples = _platform.Accounts.Select(a => (Bot: isBot[a.GetProperty("id").GetString()!], Value: feature switch
        {
            // Younger is the bot side, so age enters negated to keep "higher means more bot-like".
            "age_days" => -(start - Time(a, "created_at")).TotalDays,
            "followers" => a.GetProperty("followers").GetInt64(),
            "following" => a.GetProperty("following").GetInt64(),
            "following_ratio" => (a.GetProperty("following").GetInt64() + 1.0) / (a.GetProperty("followers").GetInt64() + 1.0),
            "handle_digits" => a.GetProperty("handle").GetString()!.Count(char.IsAsciiDigit),
            "description_length" => a.GetProperty("description").GetString()!.Length,
            "default_profile" => a.GetProperty("default_profile").GetBoolean() ? 1 : 0,
            _ => a.GetProperty("default_profile_image").GetBoolean() ? 1 : 0,
        })).ToList();

        var botMean = samples.Where(s => s.Bot).Average(s => s.Value);
        var humanMean = samples.Where(s => !s.Bot).Average(s => s.Value);
        Assert.True(higherForBots ? botMean > humanMean : botMean < humanMean, $"bots {botMean:F2}, humans {humanMean:F2}");
        var best = BestThresholdBalancedAccuracy(samples);
        Assert.True(best < 0.9, $"{feature} alone separates bots from humans with balanced accuracy {best:F3}");
    }

    private IEnumerable<JsonElement> MemberPosts(ClusterTruth cluster)
    {
        var members = cluster.Members.ToHashSet();
        return _platform.Posts.Where(p => members.Contains(p.GetProperty("author_id").GetString()!));
    }

    /// <summary>Posts in time order, split wherever the gap to the previous post exceeds <paramref name="gap"/>.</summary>
    private static List<List<JsonElement>> Sessions(IEnumerable<JsonElement> posts, TimeSpan gap)
    {
        var sessions = new List<List<JsonElement>>();
        foreach (var post in posts.OrderBy(p => Time(p, "created_at")))
        {
            if (sessions.Count > 0 && Time(post, "created_at") - Time(sessions[^1][^1], "created_at") <= gap) sessions[^1].Add(post);
            else sessions.Add([post]);
        }
        return sessions;
    }

    private static string WithoutLeadingMention(JsonElement post)
    {
        var text = post.GetProperty("text").GetString()!;
        return text.StartsWith('@') && text.IndexOf(' ') is var space and > 0 ? text[(space + 1)..] : text;
    }

    private static TimeSpan Span(IEnumerable<JsonElement> posts)
    {
        var times = posts.Select(p => Time(p, "created_at")).ToList();
        return times.Max() - times.Min();
    }

    private static double MeanPairwiseJaccard(List<string> texts)
    {
        var sets = texts.Select(Shingles).ToList();
        double total = 0;
        var pairs = 0;
        for (var i = 0; i < sets.Count; i++)
        {
            for (var j = i + 1; j < sets.Count; j++)
            {
                total += (double)sets[i].Intersect(sets[j]).Count() / sets[i].Union(sets[j]).Count();
                pairs++;
            }
        }
        return total / pairs;
    }

    /// <summary>Character 4-grams of the lower-cased letters and spaces, as a near-duplicate detector would compare.</summary>
    private static HashSet<string> Shingles(string text)
    {
        var letters = new string([.. text.ToLowerInvariant().Where(c => char.IsLetter(c) || c == ' ')]);
        var shingles = new HashSet<string>();
        for (var i = 0; i + 4 <= letters.Length; i++) shingles.Add(letters.Substring(i, 4));
        return shingles;
    }

    /// <summary>The best balanced accuracy of any rule "bot when value ≥ t"; 1.0 would be a perfect separator.</summary>
    private static double BestThresholdBalancedAccuracy(List<(bool Bot, double Value)> samples)
    {
        var bots = samples.Count(s => s.Bot);
        var humans = samples.Count - bots;
        var best = 0.0;
        foreach (var threshold in samples.Select(s => s.Value).Distinct())
        {
            var truePositive = samples.Count(s => s.Bot && s.Value >= threshold);
            var trueNegative = samples.Count(s => !s.Bot && s.Value < threshold);
            best = Math.Max(best, ((double)truePositive / bots + (double)trueNegative / humans) / 2);
        }
        return best;
    }
}
