using Vigil.Bots;
using Vigil.DecisionLog;
using Vigil.Detection;
using Vigil.Ingest;
using Vigil.Pipeline;
using Vigil.Policy;
using Vigil.Simulation;
using Vigil.Storage;
using Vigil.Storage.Sqlite;

namespace Vigil.Tests.Pipeline;

/// <summary>
/// The pipeline stores what the amplifier stages found, under a key naming what produced it, and a re-run with the same
/// versions and settings replaces rather than adds. A small simulated platform supplies bots and coordinated clusters.
/// </summary>
public sealed class AmplifierStorageTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("vigil-pipeline-").FullName;
    private readonly SqliteStore _store;

    public AmplifierStorageTests() => _store = new SqliteStore(Path.Combine(_folder, "vigil.db"));

    public async Task InitializeAsync()
    {
        var platform = Path.Combine(_folder, "platform");
        Simulator.Run(new SimulationOptions { Seed = 5, Accounts = 400, Days = 5, Clusters = 3 }, platform);
        await _store.MigrateAsync();
        await Ingestor.IngestAsync(_store, [.. new[] { "accounts.jsonl", "posts.jsonl", "interactions.jsonl" }.Select(f => Path.Combine(platform, f))],
            new IngestOptions());
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private static AnalysisOptions Options() => new()
    {
        Detector = Detector.LoadDefault(),
        BotModel = BotModel.SimulationCalibrated,
        Policy = EnforcementPolicy.Default,
    };

    private async Task<AnalysisResult> RunAsync(AnalysisOptions options)
    {
        using var log = new InMemoryDecisionLog();
        return await AnalysisPipeline.RunAsync(_store, log, options);
    }

    [Fact]
    public async Task What_the_amplifier_stages_found_reads_back_from_the_store()
    {
        var result = await RunAsync(Options());

        var stored = await _store.ReadAmplifierResultsAsync(result.AmplifierKey);

        Assert.NotNull(stored);
        Assert.NotEmpty(result.Clusters);
        Assert.Equal(result.BotScores.Count, stored.BotScores.Count);
        foreach (var score in stored.BotScores)
        {
            var computed = result.BotScores[score.AccountId];
            Assert.Equal((computed.PBot, computed.IsBot, computed.Why), (score.PBot, score.IsBot, score.TopFeatures));
        }
        Assert.Equal(result.Clusters.Select(c => (c.Id, string.Join(",", c.Members.Select(m => m.UserId)), c.TotalWeight)),
            stored.Clusters.Select(c => (c.Id, string.Join(",", c.MemberIds), c.TotalWeight)));
        // Only reposted posts have rows, and they carry every repost and every view attributed to amplifiers.
        Assert.InRange(stored.Posts.Count, 1, result.Assess.Assessed - 1);
        Assert.All(stored.Posts, p => Assert.True(p.Reposts > 0, p.PostId));
        Assert.Equal(result.AmplificationWeeks.Sum(w => w.Reposts), stored.Posts.Sum(p => p.Reposts));
        Assert.Equal(result.AmplificationWeeks.Sum(w => w.AmplifierViews), stored.Posts.Sum(p => p.AmplifierViews), 1e-6);
        Assert.Equal(result.AmplificationWeeks.Sum(w => w.AmplifierViews), stored.Weeks.Sum(w => w.AmplifierViews), 1e-6);
        Assert.Equal(result.AmplificationWeeks.Count, stored.Weeks.Count);
    }

    [Fact]
    public async Task Re_running_replaces_and_other_settings_are_kept_beside()
    {
        var first = await RunAsync(Options());
        var afterFirst = await _store.GetStatsAsync();

        var again = await RunAsync(Options());
        var afterAgain = await _store.GetStatsAsync();
        var otherSettings = await RunAsync(Options() with { Clusters = new() { MinPairWeight = 8 } });

        Assert.Equal(first.AmplifierKey, again.AmplifierKey);
        Assert.Equal(afterFirst, afterAgain);
        Assert.NotEqual(first.AmplifierKey.Id, otherSettings.AmplifierKey.Id);
        Assert.Equal(2, (await _store.GetStatsAsync()).AnalysisRuns);
        Assert.NotNull(await _store.ReadAmplifierResultsAsync(first.AmplifierKey));
        Assert.NotNull(await _store.ReadAmplifierResultsAsync(otherSettings.AmplifierKey));
    }
}
