using Vigil.Amplification;
using Vigil.Bots;
using Vigil.Coordination;
using Vigil.DecisionLog;
using Vigil.Detection;
using Vigil.Enforcement;
using Vigil.Ingest;
using Vigil.Model;
using Vigil.Pipeline;
using Vigil.Policy;
using Vigil.Simulation;
using Vigil.Storage.Sqlite;
using Vigil.Tests.Policy;

namespace Vigil.Tests.Pipeline;

/// <summary>
/// <c>vigil analyze</c> reads the store in streams and keeps a compact scan of the posts (no texts). Every stage's
/// output must equal what the stage's list API gives on the whole platform held in memory, the way the pipeline ran
/// before it streamed: bot scores, each co-action network, the clusters with their samples, the attribution of reach
/// and every decision event. bench/streaming/run.sh checks the same on a million posts against the stored tables.
/// </summary>
public sealed class StreamingAnalysisTests : IAsyncLifetime
{
    private static readonly CoordinationType[] ClusterTypes =
        [CoordinationType.CoRetweet, CoordinationType.CoTweet, CoordinationType.CoSimilar, CoordinationType.CoLink, CoordinationType.CoReply];

    private readonly string _folder = Directory.CreateTempSubdirectory("vigil-streaming-").FullName;
    private readonly SqliteStore _store;

    public StreamingAnalysisTests() => _store = new SqliteStore(Path.Combine(_folder, "vigil.db"));

    public async Task InitializeAsync()
    {
        var platform = Path.Combine(_folder, "platform");
        Simulator.Run(new SimulationOptions { Seed = 11, Accounts = 300, Days = 7, Clusters = 4 }, platform);
        await _store.MigrateAsync();
        await Ingestor.IngestAsync(_store, [.. new[] { "accounts.jsonl", "posts.jsonl", "interactions.jsonl" }.Select(f => Path.Combine(platform, f))],
            new IngestOptions());
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task The_streamed_analysis_equals_the_stages_run_on_the_platform_held_in_memory()
    {
        var options = new AnalysisOptions
        {
            Detector = Detector.LoadDefault(), BotModel = BotModel.SimulationCalibrated, Policy = EnforcementPolicy.Default,
            Time = new FakeClock(PolicyTestKit.Start),
        };
        using var log = new InMemoryDecisionLog();
        var streamed = await AnalysisPipeline.RunAsync(_store, log, options);

        var accounts = await _store.ReadAccountsAsync().ToListAsync();
        var posts = await _store.ReadPostsAsync().ToListAsync();
        var interactions = await _store.ReadInteractionsAsync().ToListAsync();
        var assessments = await _store.ReadAssessmentsAsync(streamed.Assess.ModelVersion).ToDictionaryAsync(a => a.PostId, StringComparer.Ordinal);

        var handles = accounts.ToDictionary(a => a.Id, a => a.Handle, StringComparer.Ordinal);
        var messages = CoordinationMessage.FromPosts(posts, id => handles.GetValueOrDefault(id, id)).ToList();
        var coordination = ClusterTypes.Select(type => CoordinationDetector.Detect(messages, new CoordinationOptions
        {
            Type = type, WindowSeconds = options.CoordinationWindowSeconds, SimilarityThreshold = options.SimilarityThreshold,
            MinSimilarityTokens = options.MinSimilarityTokens,
        })).ToList();
        Assert.Equal(coordination.Select(CoordinationSummary.Of), streamed.Coordination);
        Assert.Contains(coordination, c => c.Edges.Count > 0);

        var clusters = ClusterFinder.FindClusters(messages, coordination, options.Clusters);
        Assert.NotEmpty(clusters);
        Assert.Equal(clusters.Select(Describe), streamed.Clusters.Select(Describe));

        var observed = ObservationTime.Resolve(null, posts, options.Time).At;
        var behaviour = PostingBehaviour.ByAuthor(posts);
        var scorer = new BotScorer(options.BotModel);
        var signals = CoordinationSignal.ByAccount(coordination, clusters);
        Assert.Equal(accounts.Count, streamed.BotScores.Count);
        foreach (var account in accounts)
        {
            var expected = scorer.Score(AccountProfile.FromAccount(account, observed), behaviour.GetValueOrDefault(account.Id),
                signals.GetValueOrDefault(account.Id, CoordinationSignal.Alone));
            var actual = streamed.BotScores[account.Id];
            Assert.Equal((expected.PBot, expected.IsBot, expected.TopFeaturesText), (actual.PBot, actual.IsBot, actual.TopFeaturesText));
        }

        var amplification = new AmplificationEngine(new AmplificationOptions { BotThreshold = options.BotModel.Threshold }).Attribute(new AmplificationInput
        {
            Posts = posts, Interactions = interactions,
            Followers = accounts.ToDictionary(a => a.Id, a => a.Followers, StringComparer.Ordinal),
            BotScores = streamed.BotScores.ToDictionary(s => s.Key, s => s.Value.PBot, StringComparer.Ordinal),
            Clusters = [.. clusters.Select(c => c.Members.Select(m => m.UserId).ToHashSet(StringComparer.Ordinal))],
            Flags = assessments.ToDictionary(a => a.Key, a => new PostFlags(a.Value.Hateful, a.Value.Antisemitic), StringComparer.Ordinal),
        });
        // The rows of reposted posts are stored, not returned: read back, every row equals the reference's.
        var stored = (await _store.ReadAmplifierResultsAsync(streamed.AmplifierKey))!.Posts;
        Assert.Equal(amplification.Reposted.Count, stored.Count);
        Assert.Equal(amplification.Reposted.OrderBy(p => p.PostId, StringComparer.Ordinal), stored.OrderBy(p => p.PostId, StringComparer.Ordinal));
        Assert.Equal(amplification.Weeks, streamed.AmplificationWeeks);
        Assert.Contains(amplification.Posts, p => p.AmplifierReposts > 0);

        using var referenceLog = new InMemoryDecisionLog();
        var engine = await EnforcementEngine.OpenAsync(options.Policy, referenceLog, options.Time);
        var clusterOf = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var cluster in clusters)
            foreach (var member in cluster.Members) clusterOf.TryAdd(member.UserId, "cluster-" + cluster.Id);
        await engine.ApplyAsync(posts.Where(p => assessments.ContainsKey(p.Id)).Select(p => new PolicyInput
        {
            PostId = p.Id, AuthorId = p.AuthorId, Assessment = assessments[p.Id], PostedAt = p.CreatedAt, Reach = p.Views,
            BotScore = streamed.BotScores.TryGetValue(p.AuthorId, out var bot) ? bot.PBot : 0, ClusterId = clusterOf.GetValueOrDefault(p.AuthorId),
        }));
        var expectedEvents = await referenceLog.ReadAllAsync().ToListAsync();
        Assert.NotEmpty(expectedEvents);
        Assert.Equal(expectedEvents, await log.ReadAllAsync().ToListAsync());
    }

    private static string Describe(CoordinatedCluster c) =>
        $"{c.Id} [{string.Join(",", c.Members)}] [{string.Join(",", c.Kinds)}] {c.TotalWeight} {c.MeanWeight:R} {c.Density:R} " +
        $"{c.FirstCoAction:R}-{c.LastCoAction:R} [{string.Join("|", c.SampleContent)}]";
}
