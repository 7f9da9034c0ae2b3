using Vigil.Amplification;
using Vigil.Model;
using Vigil.Storage;

namespace Vigil.Tests.Storage;

/// <summary>
/// The behaviour every <see cref="IVigilStore"/> must show. An implementation's test class derives from this and
/// supplies a factory; the suite tests only what the contract promises, never how a store keeps its data.
/// </summary>
public abstract class StoreContractTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, 123, TimeSpan.Zero);
    private readonly List<IVigilStore> _opened = [];

    /// <summary>Opens the store named <paramref name="name"/>: the same name must reach the same data.</summary>
    protected abstract IVigilStore OpenStore(string name);

    protected virtual void DeleteStores() { }

    private IVigilStore Open(string name = "main")
    {
        var store = OpenStore(name);
        store.Migrate();
        _opened.Add(store);
        return store;
    }

    public void Dispose()
    {
        foreach (var store in _opened) store.Dispose();
        DeleteStores();
        GC.SuppressFinalize(this);
    }

    private static Post MakePost(string id, string author = "a1", int minutes = 0) => new()
    {
        Id = id,
        AuthorId = author,
        CreatedAt = T0.AddMinutes(minutes),
        Text = $"text of {id}, with a comma and \"quotes\"\nand a newline",
    };

    [Fact]
    public void Posts_round_trip_every_field()
    {
        var store = Open();
        var full = new Post
        {
            Id = "p1", AuthorId = "a1", CreatedAt = T0, Text = "hello #world @you https://x.example/a", Language = "en",
            ReplyToId = "p0", QuoteOfId = "q0", RepostOfId = "r0", Hashtags = ["world", "two words"],
            Mentions = ["you"], Urls = ["https://x.example/a", "https://y.example/b?c=d,e"], Views = 4242,
        };
        var bare = new Post { Id = "p2", AuthorId = "a2", CreatedAt = T0.AddDays(-400) };

        store.AddPosts([full, bare]);

        var read = store.ReadPosts().ToList();
        Assert.Equal(2, read.Count);
        AssertPostEqual(full, read[0]);
        AssertPostEqual(bare, read[1]);
    }

    [Fact]
    public void Accounts_round_trip_every_field()
    {
        var store = Open();
        var full = new Account
        {
            Id = "a1", Handle = "alice", DisplayName = "Alice A.", CreatedAt = T0.AddYears(-3), Followers = 10,
            Following = 20, PostCount = 30, Listed = 4, Verified = true, PaidTier = true, Description = "bio\nline two",
            DefaultProfile = true, DefaultProfileImage = true, SuspendedAt = T0, RestoredAt = T0.AddDays(2),
        };
        var bare = new Account { Id = "a2", Handle = "bob" };

        store.AddAccounts([full, bare]);

        var read = store.ReadAccounts().ToList();
        Assert.Equal([full, bare], read);
    }

    [Fact]
    public void Interactions_round_trip_and_natural_key_dedupes()
    {
        var store = Open();
        var like = new Interaction { Kind = InteractionKind.Like, AccountId = "a1", PostId = "p1", At = T0 };
        var views = new Interaction { Kind = InteractionKind.View, AccountId = "a2", PostId = "p1", At = T0, Count = 1000 };
        var laterLike = like with { At = T0.AddSeconds(1) };
        var repostSameTime = like with { Kind = InteractionKind.Repost };

        var first = store.AddInteractions([like, views, laterLike, repostSameTime]);
        var again = store.AddInteractions([like with { Count = 5 }, views]);

        Assert.Equal(new WriteCounts(4, 0), first);
        Assert.Equal(new WriteCounts(0, 2), again);
        var read = store.ReadInteractions().ToList();
        Assert.Equal(4, read.Count);
        Assert.Contains(views, read);
        Assert.Contains(laterLike, read);
        Assert.Contains(repostSameTime, read);
        Assert.Equal(1, read.Single(i => i == like).Count);
    }

    [Fact]
    public void Adding_the_same_ids_again_counts_duplicates_and_keeps_the_first_version()
    {
        var store = Open();
        var first = store.AddPosts([MakePost("p1"), MakePost("p2")]);
        var second = store.AddPosts([MakePost("p2") with { Text = "changed" }, MakePost("p3"), MakePost("p3")]);
        var accounts = store.AddAccounts([new Account { Id = "a1", Handle = "x" }, new Account { Id = "a1", Handle = "y" }]);

        Assert.Equal(new WriteCounts(2, 0), first);
        Assert.Equal(new WriteCounts(1, 2), second);
        Assert.Equal(new WriteCounts(1, 1), accounts);
        Assert.Equal(MakePost("p2").Text, store.ReadPosts().Single(p => p.Id == "p2").Text);
        Assert.Equal("x", store.ReadAccounts().Single().Handle);
    }

    [Fact]
    public void Large_batches_count_new_rows_and_duplicates_exactly()
    {
        var store = Open();
        var first = Enumerable.Range(0, 150).Select(i => MakePost($"p{i:D4}")).ToList();
        // 100 already stored, 100 new, and 30 repeats of rows inside this same batch.
        var second = Enumerable.Range(50, 200).Select(i => MakePost($"p{i:D4}"))
            .Concat(Enumerable.Range(200, 30).Select(i => MakePost($"p{i:D4}")))
            .ToList();

        var firstCounts = store.AddPosts(first);
        var secondCounts = store.AddPosts(second);
        var assessments = Enumerable.Range(0, 130).Select(i => MakeAssessment($"p{i:D4}", "m1")).ToList();
        store.SaveAssessments(assessments);
        store.SaveAssessments(assessments.Select(a => a with { PHateful = 0.25 }).ToList());

        Assert.Equal(new WriteCounts(150, 0), firstCounts);
        Assert.Equal(new WriteCounts(100, 130), secondCounts);
        Assert.Equal(250, store.GetStats().Posts);
        Assert.Equal(Enumerable.Range(0, 250).Select(i => $"p{i:D4}"), store.ReadPosts().Select(p => p.Id));
        var read = store.ReadAssessments("m1").ToList();
        Assert.Equal(130, read.Count);
        Assert.All(read, a => Assert.Equal(0.25, a.PHateful));
    }

    [Fact]
    public void Reads_stream_in_id_order_whatever_the_insert_order()
    {
        var store = Open();
        string[] ids = ["p5", "p10", "p1", "a", "p2"];
        foreach (var id in ids) store.AddPosts([MakePost(id)]);

        var read = store.ReadPosts().Select(p => p.Id).ToList();

        Assert.Equal(ids.Order(StringComparer.Ordinal).ToList(), read);
    }

    [Fact]
    public void Data_survives_reopening_and_migrate_is_idempotent()
    {
        var store = Open("reopen");
        store.AddPosts([MakePost("p1")]);
        store.Migrate();
        store.Dispose();
        _opened.Remove(store);

        var reopened = Open("reopen");
        reopened.Migrate();

        Assert.Equal("p1", reopened.ReadPosts().Single().Id);
        Assert.Equal(new WriteCounts(0, 1), reopened.AddPosts([MakePost("p1")]));
    }

    [Fact]
    public void Stats_count_each_table_and_span_post_times()
    {
        var store = Open();
        Assert.Equal(new StoreStats(0, 0, 0, 0, null, null), store.GetStats());

        store.AddPosts([MakePost("p1", minutes: 5), MakePost("p2", minutes: -30), MakePost("p3", minutes: 90)]);
        store.AddAccounts([new Account { Id = "a1", Handle = "x" }]);
        store.AddInteractions([new Interaction { Kind = InteractionKind.Like, AccountId = "a1", PostId = "p1", At = T0 }]);
        store.SaveAssessments([MakeAssessment("p1", "m1")]);

        Assert.Equal(new StoreStats(1, 3, 1, 1, T0.AddMinutes(-30), T0.AddMinutes(90)), store.GetStats());
    }

    [Fact]
    public void Assessments_are_replaced_per_model_version_and_kept_across_versions()
    {
        var store = Open();
        var v1 = MakeAssessment("p1", "m1");
        var v1Again = v1 with { PHateful = 0.11, Evidence = [] };
        var v2 = MakeAssessment("p1", "m2") with { Label = ContentLabel.Neutral };

        store.SaveAssessments([v1, MakeAssessment("p0", "m1")]);
        store.SaveAssessments([v1Again, v2]);

        var m1 = store.ReadAssessments("m1").ToList();
        Assert.Equal(["p0", "p1"], m1.Select(a => a.PostId));
        AssertAssessmentEqual(v1Again, m1[1]);
        AssertAssessmentEqual(v2, store.ReadAssessments("m2").Single());
        Assert.Empty(store.ReadAssessments("m3"));
    }

    [Fact]
    public void A_store_can_be_read_while_it_is_written()
    {
        var store = Open();
        store.AddPosts([MakePost("p1"), MakePost("p2")]);
        var seen = new List<string>();

        foreach (var post in store.ReadPosts())
        {
            seen.Add(post.Id);
            store.SaveAssessments([MakeAssessment(post.Id, "m1")]);
        }

        Assert.Equal(["p1", "p2"], seen);
        Assert.Equal(2, store.ReadAssessments("m1").Count());
    }

    [Fact]
    public void Amplifier_results_round_trip_every_field()
    {
        var store = Open();
        var saved = MakeAmplifierResults(Key("m1", "b1"), scale: 1);

        store.SaveAmplifierResults(saved);

        AssertAmplifierResultsEqual(saved, store.ReadAmplifierResults(Key("m1", "b1")));
    }

    [Fact]
    public void Amplifier_results_are_replaced_when_the_same_key_is_saved_again()
    {
        var store = Open();
        var first = MakeAmplifierResults(Key("m1", "b1"), scale: 1);
        var second = MakeAmplifierResults(Key("m1", "b1"), scale: 3);
        // The re-run found fewer of everything: nothing of the first run may linger.
        second = second with
        {
            BotScores = second.BotScores.Take(1).ToList(), Clusters = second.Clusters.Take(1).ToList(),
            Posts = second.Posts.Take(1).ToList(), Weeks = second.Weeks.Take(1).ToList(),
        };

        store.SaveAmplifierResults(first);
        store.SaveAmplifierResults(second);

        AssertAmplifierResultsEqual(second, store.ReadAmplifierResults(Key("m1", "b1")));
        var stats = store.GetStats();
        Assert.Equal((1, 1, 1, second.Clusters[0].MemberIds.Count, 1, 1),
            (stats.AnalysisRuns, stats.BotScores, stats.Clusters, stats.ClusterMembers, stats.PostAmplifications, stats.WeeklyAmplifications));
    }

    [Fact]
    public void Amplifier_results_under_other_keys_are_kept()
    {
        var store = Open();
        var detectorV1 = MakeAmplifierResults(Key("m1", "b1"), scale: 1);
        var detectorV2 = MakeAmplifierResults(Key("m2", "b2"), scale: 2);
        var otherSettings = MakeAmplifierResults(Key("m1", "b1") with { Settings = "window=30s" }, scale: 3);
        otherSettings = otherSettings with { BotScores = detectorV1.BotScores };

        store.SaveAmplifierResults(detectorV1);
        store.SaveAmplifierResults(detectorV2);
        store.SaveAmplifierResults(otherSettings);

        AssertAmplifierResultsEqual(detectorV1, store.ReadAmplifierResults(Key("m1", "b1")));
        AssertAmplifierResultsEqual(detectorV2, store.ReadAmplifierResults(Key("m2", "b2")));
        AssertAmplifierResultsEqual(otherSettings, store.ReadAmplifierResults(otherSettings.Key));
        Assert.Null(store.ReadAmplifierResults(Key("m2", "b1")));
        Assert.Equal(3, store.GetStats().AnalysisRuns);
    }

    [Fact]
    public void Bot_scores_belong_to_the_bot_model_version_and_its_last_save_wins()
    {
        var store = Open();
        var early = MakeAmplifierResults(Key("m1", "b1"), scale: 1);
        var late = MakeAmplifierResults(Key("m2", "b1"), scale: 2);

        store.SaveAmplifierResults(early);
        store.SaveAmplifierResults(late);

        var read = store.ReadAmplifierResults(Key("m1", "b1"));
        Assert.NotNull(read);
        Assert.Equal(late.BotScores.OrderBy(s => s.AccountId, StringComparer.Ordinal), read.BotScores);
        Assert.Equal(early.Posts.OrderBy(p => p.PostId, StringComparer.Ordinal), read.Posts);
    }

    [Fact]
    public void Amplifier_results_with_nothing_found_round_trip_as_empty()
    {
        var store = Open();
        var empty = new AmplifierResults(Key("m1", "b1"), [], [], [], []);

        store.SaveAmplifierResults(empty);

        AssertAmplifierResultsEqual(empty, store.ReadAmplifierResults(Key("m1", "b1")));
        Assert.Null(store.ReadAmplifierResults(Key("m1", "b2")));
    }

    [Fact]
    public void Stats_count_amplifier_results()
    {
        var store = Open();
        var results = MakeAmplifierResults(Key("m1", "b1"), scale: 1);

        store.SaveAmplifierResults(results);

        var stats = store.GetStats();
        Assert.Equal(1, stats.AnalysisRuns);
        Assert.Equal(results.BotScores.Count, stats.BotScores);
        Assert.Equal(results.Clusters.Count, stats.Clusters);
        Assert.Equal(results.Clusters.Sum(c => c.MemberIds.Count), stats.ClusterMembers);
        Assert.Equal(results.Posts.Count, stats.PostAmplifications);
        Assert.Equal(results.Weeks.Count, stats.WeeklyAmplifications);
    }

    private static AnalysisKey Key(string detector, string bots) => new(detector, bots, "window=60s seed=1");

    /// <summary>Results whose numbers all differ with <paramref name="scale"/>, listed out of the order a store reads them back in.</summary>
    private static AmplifierResults MakeAmplifierResults(AnalysisKey key, int scale)
    {
        var monday = new DateOnly(2026, 3, 2);
        return new AmplifierResults(key,
            BotScores:
            [
                new StoredBotScore("a2", 0.125 * scale, scale > 1, $"tweets_per_day={scale} (+1.50); followers=0 (+0.75)"),
                new StoredBotScore("a10", 0.9 / scale, true, ""),
            ],
            Clusters:
            [
                new StoredCluster(1, ["a1", "a2", "a3"], [new StoredCoAction("co-retweet", 40 * scale, 3), new StoredCoAction("co-link", 7, 2)],
                    47 * scale, 15.5 * scale, 1.0, 1_772_400_000.5, 1_772_460_000.25),
                new StoredCluster(2, ["b1", "b2", "b3", "b4"], [new StoredCoAction("co-similar", 12, 4)], 12, 3, 0.667 / scale, 1_772_400_100, 1_772_400_200),
            ],
            Posts:
            [
                new PostAmplification("p2", "a1", monday.AddDays(7), PostCategory.Other, 0, 0, 0, 0, 0, 0, 0, 0),
                new PostAmplification("p1", "a9", monday, PostCategory.Antisemitic, 5 * scale, 2, 3, 4, 1000.0 / 3 * scale, 10.25, 20.5, 25.75),
            ],
            Weeks:
            [
                new WeeklyAmplification(monday.AddDays(7), PostCategory.Other, 1, 0, 0, 0, 0, 0, 0, 0, 0),
                new WeeklyAmplification(monday, PostCategory.OtherHate, 3, 9, 1, 2, 3, 500.5, 1.5, 2.5, 3.5 * scale),
                new WeeklyAmplification(monday, PostCategory.Antisemitic, 1, 5 * scale, 2, 3, 4, 1000.0 / 3 * scale, 10.25, 20.5, 25.75),
            ]);
    }

    private static void AssertAmplifierResultsEqual(AmplifierResults expected, AmplifierResults? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.Key, actual.Key);
        Assert.Equal(expected.BotScores.OrderBy(s => s.AccountId, StringComparer.Ordinal), actual.BotScores);
        Assert.Equal(expected.Posts.OrderBy(p => p.PostId, StringComparer.Ordinal), actual.Posts);
        Assert.Equal(expected.Weeks.OrderBy(w => w.Week).ThenBy(w => Vigil.Model.Kebab.From(w.Category), StringComparer.Ordinal), actual.Weeks);
        Assert.Equal(expected.Clusters.Count, actual.Clusters.Count);
        foreach (var (want, got) in expected.Clusters.OrderBy(c => c.Id).Zip(actual.Clusters))
        {
            Assert.Equal(want with { MemberIds = [], Kinds = [] }, got with { MemberIds = [], Kinds = [] });
            Assert.Equal(want.MemberIds, got.MemberIds);
            Assert.Equal(want.Kinds, got.Kinds);
        }
    }

    private static Assessment MakeAssessment(string postId, string model) => new()
    {
        PostId = postId,
        ModelVersion = model,
        TaxonomyVersion = "taxonomy-v1",
        PHateful = 0.9,
        Hateful = true,
        PAntisemitic = 0.8,
        Antisemitic = true,
        Label = new ContentLabel(Target.JewsCollective, ContentCode.ConspiracyControlTrope,
            ConsensusClass.AgreedAntisemitic, Explicitness.Obfuscated),
        CodeConfidence = 0.7,
        Language = "de",
        LanguageSupported = false,
        Evidence = [new EvidenceSpan(3, 4, "word:globalist", 1.25), new EvidenceSpan(10, 2, "char:((", -0.5)],
    };

    private static void AssertPostEqual(Post expected, Post actual)
    {
        Assert.Equal(expected with { Hashtags = [], Mentions = [], Urls = [] }, actual with { Hashtags = [], Mentions = [], Urls = [] });
        Assert.Equal(expected.Hashtags, actual.Hashtags);
        Assert.Equal(expected.Mentions, actual.Mentions);
        Assert.Equal(expected.Urls, actual.Urls);
    }

    private static void AssertAssessmentEqual(Assessment expected, Assessment actual)
    {
        Assert.Equal(expected with { Evidence = [] }, actual with { Evidence = [] });
        Assert.Equal(expected.Evidence, actual.Evidence);
    }
}
