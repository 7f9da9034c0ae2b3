using Vigil.Amplification;
using Vigil.Model;
using Vigil.Storage;
using Vigil.Tests.Support;

namespace Vigil.Tests.Storage;

/// <summary>
/// The behaviour every <see cref="IVigilStore"/> must show. An implementation's test class (SQLite here, PostgreSQL
/// later) derives from this and supplies a factory; the suite tests only what the contract promises, never how a store
/// keeps its data.
/// </summary>
public abstract class StoreContractTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, 123, TimeSpan.Zero);
    private readonly List<IVigilStore> _opened = [];

    /// <summary>Opens the store named <paramref name="name"/>: the same name must reach the same data.</summary>
    protected abstract IVigilStore OpenStore(string name);

    /// <summary>Removes what the stores of this test left behind (files, a database); called after they are disposed.</summary>
    protected virtual Task DeleteStoresAsync() => Task.CompletedTask;

    private async Task<IVigilStore> OpenAsync(string name = "main")
    {
        var store = OpenStore(name);
        await store.MigrateAsync();
        _opened.Add(store);
        return store;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var store in _opened) await store.DisposeAsync();
        await DeleteStoresAsync();
    }

    private static Post MakePost(string id, string author = "a1", int minutes = 0) => new()
    {
        Id = id,
        AuthorId = author,
        CreatedAt = T0.AddMinutes(minutes),
        Text = $"text of {id}, with a comma and \"quotes\"\nand a newline",
    };

    [ContractFact]
    public async Task Posts_round_trip_every_field()
    {
        var store = await OpenAsync();
        var full = new Post
        {
            Id = "p1", AuthorId = "a1", CreatedAt = T0, Text = "hello #world @you https://x.example/a", Language = "en",
            ReplyToId = "p0", QuoteOfId = "q0", RepostOfId = "r0", Hashtags = ["world", "two words"],
            Mentions = ["you"], Urls = ["https://x.example/a", "https://y.example/b?c=d,e"], Views = 4242,
        };
        var bare = new Post { Id = "p2", AuthorId = "a2", CreatedAt = T0.AddDays(-400) };

        await store.AddPostsAsync([full, bare]);

        var read = await store.ReadPostsAsync().ToListAsync();
        Assert.Equal(2, read.Count);
        AssertPostEqual(full, read[0]);
        AssertPostEqual(bare, read[1]);
    }

    [ContractFact]
    public async Task Accounts_round_trip_every_field()
    {
        var store = await OpenAsync();
        var full = new Account
        {
            Id = "a1", Handle = "alice", DisplayName = "Alice A.", CreatedAt = T0.AddYears(-3), Followers = 10,
            Following = 20, PostCount = 30, Listed = 4, Verified = true, PaidTier = true, Description = "bio\nline two",
            DefaultProfile = true, DefaultProfileImage = true, SuspendedAt = T0, RestoredAt = T0.AddDays(2),
        };
        var bare = new Account { Id = "a2", Handle = "bob" };

        await store.AddAccountsAsync([full, bare]);

        var read = await store.ReadAccountsAsync().ToListAsync();
        Assert.Equal([full, bare], read);
    }

    [ContractFact]
    public async Task Find_returns_the_post_or_account_with_that_id_and_null_for_an_unknown_one()
    {
        var store = await OpenAsync();
        await store.AddPostsAsync([MakePost("p1"), MakePost("p2", author: "a2", minutes: 5)]);
        await store.AddAccountsAsync([new Account { Id = "a1", Handle = "alice" }, new Account { Id = "a2", Handle = "bob" }]);

        AssertPostEqual(MakePost("p2", author: "a2", minutes: 5), (await store.FindPostAsync("p2"))!);
        Assert.Equal("bob", (await store.FindAccountAsync("a2"))?.Handle);
        Assert.Null(await store.FindPostAsync("p3"));
        Assert.Null(await store.FindAccountAsync("a3"));
        // An id is matched whole, never as a pattern.
        Assert.Null(await store.FindPostAsync("p%"));
    }

    [ContractFact]
    public async Task Interactions_round_trip_and_natural_key_dedupes()
    {
        var store = await OpenAsync();
        var like = new Interaction { Kind = InteractionKind.Like, AccountId = "a1", PostId = "p1", At = T0 };
        var views = new Interaction { Kind = InteractionKind.View, AccountId = "a2", PostId = "p1", At = T0, Count = 1000 };
        var laterLike = like with { At = T0.AddSeconds(1) };
        var repostSameTime = like with { Kind = InteractionKind.Repost };

        var first = await store.AddInteractionsAsync([like, views, laterLike, repostSameTime]);
        var again = await store.AddInteractionsAsync([like with { Count = 5 }, views]);

        Assert.Equal(new WriteCounts(4, 0), first);
        Assert.Equal(new WriteCounts(0, 2), again);
        var read = await store.ReadInteractionsAsync().ToListAsync();
        Assert.Equal(4, read.Count);
        Assert.Contains(views, read);
        Assert.Contains(laterLike, read);
        Assert.Contains(repostSameTime, read);
        Assert.Equal(1, read.Single(i => i == like).Count);
    }

    [ContractFact]
    public async Task Adding_the_same_ids_again_counts_duplicates_and_keeps_the_first_version()
    {
        var store = await OpenAsync();
        var first = await store.AddPostsAsync([MakePost("p1"), MakePost("p2")]);
        var second = await store.AddPostsAsync([MakePost("p2") with { Text = "changed" }, MakePost("p3"), MakePost("p3")]);
        var accounts = await store.AddAccountsAsync([new Account { Id = "a1", Handle = "x" }, new Account { Id = "a1", Handle = "y" }]);

        Assert.Equal(new WriteCounts(2, 0), first);
        Assert.Equal(new WriteCounts(1, 2), second);
        Assert.Equal(new WriteCounts(1, 1), accounts);
        Assert.Equal(MakePost("p2").Text, (await store.ReadPostsAsync().ToListAsync()).Single(p => p.Id == "p2").Text);
        Assert.Equal("x", (await store.ReadAccountsAsync().ToListAsync()).Single().Handle);
    }

    [ContractFact]
    public async Task Existing_post_ids_names_exactly_the_stored_posts_among_those_asked_about()
    {
        var store = await OpenAsync();
        var stored = Enumerable.Range(0, 1_500).Select(i => MakePost($"p{i:D5}")).ToList();
        await store.AddPostsAsync(stored);
        // Ids a string match could confuse with stored ones: a prefix, a quote, a JSON-like text.
        string[] asked = ["p00007", "p01499", "p0000", "p1500", "p00007\"", "[\"p00008\"]", "", "p00008"];

        var existing = await store.ExistingPostIdsAsync(asked);

        Assert.Equal(["p00007", "p00008", "p01499"], existing.Order(StringComparer.Ordinal));
        Assert.Equal(1_500, (await store.ExistingPostIdsAsync(stored.Select(p => p.Id).ToList())).Count);
        Assert.Empty(await store.ExistingPostIdsAsync([]));
    }

    [ContractFact]
    public async Task Large_batches_count_new_rows_and_duplicates_exactly()
    {
        var store = await OpenAsync();
        var first = Enumerable.Range(0, 150).Select(i => MakePost($"p{i:D4}")).ToList();
        // 100 already stored, 100 new, and 30 repeats of rows inside this same batch.
        var second = Enumerable.Range(50, 200).Select(i => MakePost($"p{i:D4}"))
            .Concat(Enumerable.Range(200, 30).Select(i => MakePost($"p{i:D4}")))
            .ToList();

        var firstCounts = await store.AddPostsAsync(first);
        var secondCounts = await store.AddPostsAsync(second);
        var assessments = Enumerable.Range(0, 130).Select(i => MakeAssessment($"p{i:D4}", "m1")).ToList();
        await store.SaveAssessmentsAsync(assessments);
        await store.SaveAssessmentsAsync(assessments.Select(a => a with { PHateful = 0.25 }).ToList());

        Assert.Equal(new WriteCounts(150, 0), firstCounts);
        Assert.Equal(new WriteCounts(100, 130), secondCounts);
        Assert.Equal(250, (await store.GetStatsAsync()).Posts);
        Assert.Equal(Enumerable.Range(0, 250).Select(i => $"p{i:D4}"), (await store.ReadPostsAsync().ToListAsync()).Select(p => p.Id));
        var read = await store.ReadAssessmentsAsync("m1").ToListAsync();
        Assert.Equal(130, read.Count);
        Assert.All(read, a => Assert.Equal(0.25, a.PHateful));
    }

    [ContractFact]
    public async Task Reads_stream_in_id_order_whatever_the_insert_order()
    {
        var store = await OpenAsync();
        string[] ids = ["p5", "p10", "p1", "a", "p2"];
        foreach (var id in ids) await store.AddPostsAsync([MakePost(id)]);

        var read = (await store.ReadPostsAsync().ToListAsync()).Select(p => p.Id).ToList();

        Assert.Equal(ids.Order(StringComparer.Ordinal).ToList(), read);
    }

    [ContractFact]
    public async Task Data_survives_reopening_and_migrate_is_idempotent()
    {
        var store = await OpenAsync("reopen");
        await store.AddPostsAsync([MakePost("p1")]);
        await store.MigrateAsync();
        await store.DisposeAsync();
        _opened.Remove(store);

        var reopened = await OpenAsync("reopen");
        await reopened.MigrateAsync();

        Assert.Equal("p1", (await reopened.ReadPostsAsync().ToListAsync()).Single().Id);
        Assert.Equal(new WriteCounts(0, 1), await reopened.AddPostsAsync([MakePost("p1")]));
    }

    [ContractFact]
    public async Task Stats_count_each_table_and_span_post_times()
    {
        var store = await OpenAsync();
        Assert.Equal(new StoreStats(0, 0, 0, 0, null, null), await store.GetStatsAsync());

        await store.AddPostsAsync([MakePost("p1", minutes: 5), MakePost("p2", minutes: -30), MakePost("p3", minutes: 90)]);
        await store.AddAccountsAsync([new Account { Id = "a1", Handle = "x" }]);
        await store.AddInteractionsAsync([new Interaction { Kind = InteractionKind.Like, AccountId = "a1", PostId = "p1", At = T0 }]);
        await store.SaveAssessmentsAsync([MakeAssessment("p1", "m1")]);

        Assert.Equal(new StoreStats(1, 3, 1, 1, T0.AddMinutes(-30), T0.AddMinutes(90)), await store.GetStatsAsync());
    }

    [ContractFact]
    public async Task Assessments_are_replaced_per_model_version_and_kept_across_versions()
    {
        var store = await OpenAsync();
        var v1 = MakeAssessment("p1", "m1");
        var v1Again = v1 with { PHateful = 0.11, Evidence = [] };
        var v2 = MakeAssessment("p1", "m2") with { Label = ContentLabel.Neutral };

        await store.SaveAssessmentsAsync([v1, MakeAssessment("p0", "m1")]);
        await store.SaveAssessmentsAsync([v1Again, v2]);

        var m1 = await store.ReadAssessmentsAsync("m1").ToListAsync();
        Assert.Equal(["p0", "p1"], m1.Select(a => a.PostId));
        AssertAssessmentEqual(v1Again, m1[1]);
        AssertAssessmentEqual(v2, (await store.ReadAssessmentsAsync("m2").ToListAsync()).Single());
        Assert.Empty((await store.ReadAssessmentsAsync("m3").ToListAsync()));
    }

    [ContractFact]
    public async Task A_store_can_be_read_while_it_is_written()
    {
        var store = await OpenAsync();
        await store.AddPostsAsync([MakePost("p1"), MakePost("p2")]);
        var seen = new List<string>();

        await foreach (var post in store.ReadPostsAsync())
        {
            seen.Add(post.Id);
            await store.SaveAssessmentsAsync([MakeAssessment(post.Id, "m1")]);
        }

        Assert.Equal(["p1", "p2"], seen);
        Assert.Equal(2, (await store.ReadAssessmentsAsync("m1").ToListAsync()).Count());
    }

    [ContractFact]
    public async Task Amplifier_results_round_trip_every_field()
    {
        var store = await OpenAsync();
        var saved = MakeAmplifierResults(Key("m1", "b1"), scale: 1);

        await store.SaveAmplifierResultsAsync(saved);

        AssertAmplifierResultsEqual(saved, await store.ReadAmplifierResultsAsync(Key("m1", "b1")));
    }

    [ContractFact]
    public async Task Amplifier_results_are_replaced_when_the_same_key_is_saved_again()
    {
        var store = await OpenAsync();
        var first = MakeAmplifierResults(Key("m1", "b1"), scale: 1);
        var second = MakeAmplifierResults(Key("m1", "b1"), scale: 3);
        // The re-run found fewer of everything: nothing of the first run may linger.
        second = second with
        {
            BotScores = second.BotScores.Take(1).ToList(), Clusters = second.Clusters.Take(1).ToList(),
            Posts = second.Posts.Take(1).ToList(), Weeks = second.Weeks.Take(1).ToList(),
        };

        await store.SaveAmplifierResultsAsync(first);
        await store.SaveAmplifierResultsAsync(second);

        AssertAmplifierResultsEqual(second, await store.ReadAmplifierResultsAsync(Key("m1", "b1")));
        var stats = await store.GetStatsAsync();
        Assert.Equal((1, 1, 1, second.Clusters[0].MemberIds.Count, 1, 1),
            (stats.AnalysisRuns, stats.BotScores, stats.Clusters, stats.ClusterMembers, stats.PostAmplifications, stats.WeeklyAmplifications));
    }

    [ContractFact]
    public async Task Amplifier_results_under_other_keys_are_kept()
    {
        var store = await OpenAsync();
        var detectorV1 = MakeAmplifierResults(Key("m1", "b1"), scale: 1);
        var detectorV2 = MakeAmplifierResults(Key("m2", "b2"), scale: 2);
        var otherSettings = MakeAmplifierResults(Key("m1", "b1") with { Settings = "window=30s" }, scale: 3);
        otherSettings = otherSettings with { BotScores = detectorV1.BotScores };

        await store.SaveAmplifierResultsAsync(detectorV1);
        await store.SaveAmplifierResultsAsync(detectorV2);
        await store.SaveAmplifierResultsAsync(otherSettings);

        AssertAmplifierResultsEqual(detectorV1, await store.ReadAmplifierResultsAsync(Key("m1", "b1")));
        AssertAmplifierResultsEqual(detectorV2, await store.ReadAmplifierResultsAsync(Key("m2", "b2")));
        AssertAmplifierResultsEqual(otherSettings, await store.ReadAmplifierResultsAsync(otherSettings.Key));
        Assert.Null(await store.ReadAmplifierResultsAsync(Key("m2", "b1")));
        Assert.Equal(3, (await store.GetStatsAsync()).AnalysisRuns);
    }

    [ContractFact]
    public async Task Bot_scores_belong_to_the_bot_model_version_and_its_last_save_wins()
    {
        var store = await OpenAsync();
        var early = MakeAmplifierResults(Key("m1", "b1"), scale: 1);
        var late = MakeAmplifierResults(Key("m2", "b1"), scale: 2);

        await store.SaveAmplifierResultsAsync(early);
        await store.SaveAmplifierResultsAsync(late);

        var read = await store.ReadAmplifierResultsAsync(Key("m1", "b1"));
        Assert.NotNull(read);
        Assert.Equal(late.BotScores.OrderBy(s => s.AccountId, StringComparer.Ordinal), read.BotScores);
        Assert.Equal(early.Posts.OrderBy(p => p.PostId, StringComparer.Ordinal), read.Posts);
    }

    [ContractFact]
    public async Task Amplifier_results_with_nothing_found_round_trip_as_empty()
    {
        var store = await OpenAsync();
        var empty = new AmplifierResults(Key("m1", "b1"), [], [], [], []);

        await store.SaveAmplifierResultsAsync(empty);

        AssertAmplifierResultsEqual(empty, await store.ReadAmplifierResultsAsync(Key("m1", "b1")));
        Assert.Null(await store.ReadAmplifierResultsAsync(Key("m1", "b2")));
    }

    [ContractFact]
    public async Task The_latest_run_answers_for_an_account_and_a_cluster()
    {
        var store = await OpenAsync();
        Assert.Null(await store.LatestAnalysisAsync());
        Assert.Null(await store.FindAccountAnalysisAsync("a2"));
        var older = MakeAmplifierResults(Key("m1", "b1"), scale: 1);
        var newer = MakeAmplifierResults(Key("m2", "b2"), scale: 2);

        await store.SaveAmplifierResultsAsync(older);
        // Runs are ordered by when they were saved, to the millisecond.
        await Task.Delay(20);
        await store.SaveAmplifierResultsAsync(newer);

        Assert.Equal(newer.Key, await store.LatestAnalysisAsync());
        var account = await store.FindAccountAnalysisAsync("a2");
        Assert.NotNull(account);
        Assert.Equal((newer.Key, newer.BotScores[0], 1), (account.Run, account.BotScore, account.ClusterId));
        var unscored = await store.FindAccountAnalysisAsync("b3");
        Assert.Equal((null, 2), (unscored?.BotScore, unscored?.ClusterId));
        var cluster = await store.FindClusterAsync(2);
        Assert.NotNull(cluster);
        Assert.Equal(newer.Clusters[1] with { MemberIds = [], Kinds = [] }, cluster with { MemberIds = [], Kinds = [] });
        Assert.Equal(newer.Clusters[1].MemberIds, cluster.MemberIds);
        Assert.Equal(newer.Clusters[1].Kinds, cluster.Kinds);
        Assert.Null(await store.FindClusterAsync(3));
    }

    [ContractFact]
    public async Task Posts_after_an_id_and_one_assessment_are_found()
    {
        var store = await OpenAsync();
        await store.AddPostsAsync([MakePost("p3"), MakePost("p1"), MakePost("p2")]);
        await store.SaveAssessmentsAsync([MakeAssessment("p2", "m1"), MakeAssessment("p2", "m2") with { PHateful = 0.25 }]);

        Assert.Equal(["p1", "p2", "p3"], await store.ReadPostsAfterAsync(null).Select(p => p.Id).ToListAsync());
        Assert.Equal(["p2", "p3"], await store.ReadPostsAfterAsync("p1").Select(p => p.Id).ToListAsync());
        Assert.Empty(await store.ReadPostsAfterAsync("p3").ToListAsync());
        Assert.Equal(0.25, (await store.FindAssessmentAsync("p2", "m2"))?.PHateful);
        Assert.Null(await store.FindAssessmentAsync("p1", "m1"));
        Assert.Null(await store.FindAssessmentAsync("p2", "m3"));
    }

    [ContractFact]
    public async Task The_narrow_reads_give_what_the_full_rows_hold()
    {
        // Measuring prevalence reads four columns of each post and two of each assessment; a store's narrow queries must
        // answer exactly what the interface's projections of the full rows would.
        var store = await OpenAsync();
        await store.AddPostsAsync([MakePost("p2", minutes: 5) with { Views = 7 }, MakePost("p1") with { RepostOfId = "p2" }, MakePost("p3", minutes: 9)]);
        await store.SaveAssessmentsAsync([MakeAssessment("p2", "m1") with { PHateful = 0.25, PAntisemitic = 0.125 }, MakeAssessment("p3", "m1"), MakeAssessment("p3", "m2")]);

        var expectedReach = await store.ReadPostsAsync().Select(p => new PostReach(p.Id, p.CreatedAt, p.Views, p.RepostOfId is not null)).ToListAsync();
        Assert.Equal(expectedReach, await store.ReadPostReachAsync().ToListAsync());
        Assert.Equal([true, false, false], expectedReach.Select(r => r.IsRepost));
        var expectedScores = await store.ReadAssessmentsAsync("m1").Select(a => new AssessmentScores(a.PostId, a.PHateful, a.PAntisemitic)).ToListAsync();
        Assert.Equal(expectedScores, await store.ReadAssessmentScoresAsync("m1").ToListAsync());
        Assert.Equal(["p2", "p3"], expectedScores.Select(a => a.PostId));
        Assert.Equal(0.125, expectedScores[0].PAntisemitic);
    }

    [ContractFact]
    public async Task Stats_count_amplifier_results()
    {
        var store = await OpenAsync();
        var results = MakeAmplifierResults(Key("m1", "b1"), scale: 1);

        await store.SaveAmplifierResultsAsync(results);

        var stats = await store.GetStatsAsync();
        Assert.Equal(1, stats.AnalysisRuns);
        Assert.Equal(results.BotScores.Count, stats.BotScores);
        Assert.Equal(results.Clusters.Count, stats.Clusters);
        Assert.Equal(results.Clusters.Sum(c => c.MemberIds.Count), stats.ClusterMembers);
        Assert.Equal(results.Posts.Count, stats.PostAmplifications);
        Assert.Equal(results.Weeks.Count, stats.WeeklyAmplifications);
    }

    [ContractFact]
    public async Task A_write_cancelled_before_it_starts_stores_nothing()
    {
        var store = await OpenAsync();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.AddPostsAsync([MakePost("p1")], cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            store.AddAccountsAsync([new Account { Id = "a1", Handle = "x" }], cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.SaveAssessmentsAsync([MakeAssessment("p1", "m1")], cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            store.SaveAmplifierResultsAsync(MakeAmplifierResults(Key("m1", "b1"), scale: 1), cancelled.Token));

        var stats = await store.GetStatsAsync();
        Assert.Equal((0L, 0L, 0L, 0L), (stats.Posts, stats.Accounts, stats.Assessments, stats.AnalysisRuns));
    }

    [ContractFact]
    public async Task A_write_cancelled_while_it_runs_stores_all_of_its_batch_or_none()
    {
        var store = await OpenAsync();
        using var cancellation = new CancellationTokenSource();
        var posts = Enumerable.Range(0, 1_000).Select(i => MakePost($"p{i:D4}")).ToList();
        // The batch cancels the token when the store reads its 500th row.
        var batch = new CancellingList<Post>(posts, cancelAt: 500, cancellation);

        try
        {
            await store.AddPostsAsync(batch, cancellation.Token);
            Assert.Equal(posts.Count, (await store.GetStatsAsync()).Posts);
        }
        catch (OperationCanceledException)
        {
            Assert.Equal(0, (await store.GetStatsAsync()).Posts);
        }
        // Either way the store still works.
        Assert.Equal(new WriteCounts(1, 0), await store.AddPostsAsync([MakePost("q1")]));
    }

    [ContractFact]
    public async Task A_cancelled_read_stops_where_it_is()
    {
        var store = await OpenAsync();
        await store.AddPostsAsync([MakePost("p1"), MakePost("p2"), MakePost("p3")]);
        using var cancellation = new CancellationTokenSource();
        var seen = new List<string>();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var post in store.ReadPostsAsync(cancellation.Token))
            {
                seen.Add(post.Id);
                await cancellation.CancelAsync();
            }
        });
        Assert.Equal(["p1"], seen);

        // A token given to the enumerator (WithCancellation) counts as well as the method's.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in store.ReadAccountsAsync().WithCancellation(cancellation.Token)) { }
        });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.GetStatsAsync(cancellation.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.ReadAmplifierResultsAsync(Key("m1", "b1"), cancellation.Token));
    }

    /// <summary>A batch that cancels a token as the store reads one of its rows, to cancel a write part way through.</summary>
    private sealed class CancellingList<T>(IReadOnlyList<T> items, int cancelAt, CancellationTokenSource cancellation) : IReadOnlyList<T>
    {
        public T this[int index]
        {
            get
            {
                if (index == cancelAt) cancellation.Cancel();
                return items[index];
            }
        }

        public int Count => items.Count;

        public IEnumerator<T> GetEnumerator()
        {
            for (var i = 0; i < items.Count; i++) yield return this[i];
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
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
