using Vigil.Simulation;
using static Vigil.Tests.Simulation.SimulatedPlatform;

namespace Vigil.Tests.Simulation;

/// <summary>The truth file must describe exactly what was written, recomputed here from the JSONL files.</summary>
public sealed class SimulationTruthTests(DefaultPlatformFixture fixture) : IClassFixture<DefaultPlatformFixture>
{
    private readonly SimulatedPlatform _platform = fixture.Platform;
    private SimulationTruth Truth => _platform.Result.Truth;

    [Fact]
    public void Every_written_post_has_a_truth_label_and_every_label_a_post()
    {
        var written = _platform.Posts.Select(p => p.GetProperty("id").GetString()!).ToHashSet();
        var labelled = Truth.Posts.Select(p => p.Id).ToHashSet();
        Assert.Equal(_platform.Posts.Count, written.Count);
        Assert.Equal(Truth.Posts.Count, labelled.Count);
        Assert.True(written.SetEquals(labelled));
    }

    [Fact]
    public void Every_account_has_a_truth_entry_and_cluster_members_are_bots_that_exist()
    {
        var truthById = Truth.Accounts.ToDictionary(a => a.Id);
        Assert.True(truthById.Keys.ToHashSet().SetEquals(_platform.AccountsById.Keys));
        Assert.NotEmpty(Truth.Clusters);
        foreach (var cluster in Truth.Clusters)
        {
            Assert.True(cluster.Members.Count >= 3, $"cluster {cluster.Id} has {cluster.Members.Count} members");
            foreach (var member in cluster.Members)
            {
                Assert.True(_platform.AccountsById.ContainsKey(member));
                Assert.True(truthById[member].Bot);
                Assert.Equal(cluster.Id, truthById[member].Cluster);
                Assert.Equal(cluster.Kind, truthById[member].ClusterKind);
            }
        }
        Assert.Equal(Enum.GetValues<ClusterKind>().Length, Truth.Clusters.Select(c => c.Kind).Distinct().Count());
        Assert.Contains(Truth.Accounts, a => a.Bot && a.Cluster is null);
    }

    [Fact]
    public void A_small_platform_still_has_every_kind_of_cluster()
    {
        using var small = new SimulatedPlatform(new SimulationOptions { Seed = 4, Accounts = 250, Days = 2 });
        Assert.Equal(Enum.GetValues<ClusterKind>().Length, small.Result.Truth.Clusters.Select(c => c.Kind).Distinct().Count());
    }

    [Fact]
    public void A_repost_carries_the_label_of_the_post_it_reposts()
    {
        var labels = Truth.Posts.ToDictionary(p => p.Id, p => p.Label);
        var reposts = 0;
        foreach (var post in _platform.Posts)
        {
            if (Optional(post, "repost_of_id") is not { } original) continue;
            reposts++;
            Assert.Equal(labels[original], labels[post.GetProperty("id").GetString()!]);
            Assert.True(Time(post, "created_at") > Time(_platform.PostsById[original], "created_at"));
        }
        Assert.True(reposts > 100);
    }

    [Fact]
    public void Weekly_prevalence_recomputed_from_the_files_equals_the_truth()
    {
        var labels = Truth.Posts.ToDictionary(p => p.Id, p => p.Label);
        var start = new DateTimeOffset(Truth.Options.Start.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var weeks = new long[Truth.Weeks.Count, 6];
        foreach (var post in _platform.Posts)
        {
            if (Optional(post, "repost_of_id") is not null) continue;
            var week = (int)((Time(post, "created_at") - start).TotalDays / 7);
            var views = post.GetProperty("views").GetInt64();
            var label = labels[post.GetProperty("id").GetString()!];
            weeks[week, 0]++;
            weeks[week, 3] += views;
            if (label.IsHateful) { weeks[week, 1]++; weeks[week, 4] += views; }
            if (label.IsAntisemitic) { weeks[week, 2]++; weeks[week, 5] += views; }
        }

        var reloaded = SimulationTruth.Load(Path.Combine(_platform.Directory, "truth.json"));
        Assert.Equal(Truth.Weeks, reloaded.Weeks);
        for (var w = 0; w < Truth.Weeks.Count; w++)
        {
            var expected = new WeeklyPrevalence(Truth.Options.Start.AddDays(7 * w),
                weeks[w, 0], weeks[w, 1], weeks[w, 2], weeks[w, 3], weeks[w, 4], weeks[w, 5]);
            Assert.Equal(expected, reloaded.Weeks[w]);
        }
    }

    [Fact]
    public void Loading_the_truth_file_gives_back_what_the_run_returned()
    {
        var reloaded = SimulationTruth.Load(Path.Combine(_platform.Directory, "truth.json"));
        Assert.Equal(Truth.Posts, reloaded.Posts);
        Assert.Equal(Truth.Accounts, reloaded.Accounts);
        Assert.Equal(Truth.Clusters.Select(c => (c.Id, c.Kind, string.Join(",", c.Members))),
            reloaded.Clusters.Select(c => (c.Id, c.Kind, string.Join(",", c.Members))));
        Assert.Equal(Truth.RiseDate, reloaded.RiseDate);
        Assert.Equal(Truth.Options.Seed, reloaded.Options.Seed);
    }

    [Fact]
    public void Load_names_the_file_when_it_is_not_a_truth_file()
    {
        var path = Path.Combine(_platform.Directory, "not-truth.json");
        File.WriteAllText(path, "{\"format\":\"something-else\",\"version\":1}");
        var error = Assert.Throws<FormatException>(() => SimulationTruth.Load(path));
        Assert.StartsWith(path, error.Message);
    }

    [Fact]
    public void Hateful_posts_rise_after_the_rise_date_from_a_base_rate_of_a_few_percent()
    {
        var before = Truth.Weeks.Where(w => w.WeekStart.AddDays(7) <= Truth.RiseDate).ToList();
        var after = Truth.Weeks.Where(w => w.WeekStart >= Truth.RiseDate).ToList();
        Assert.NotEmpty(before);
        Assert.NotEmpty(after);
        var baseRate = (double)before.Sum(w => w.HatefulPosts) / before.Sum(w => w.Posts);
        var raisedRate = (double)after.Sum(w => w.HatefulPosts) / after.Sum(w => w.Posts);
        Assert.InRange(baseRate, 0.02, 0.05);
        Assert.True(raisedRate > 1.5 * baseRate, $"rate before {baseRate:P2}, after {raisedRate:P2}");
    }
}
