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
public sealed class AmplifierStorageTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("vigil-pipeline-").FullName;
    private readonly SqliteStore _store;

    public AmplifierStorageTests()
    {
        var platform = Path.Combine(_folder, "platform");
        Simulator.Run(new SimulationOptions { Seed = 5, Accounts = 400, Days = 5, Clusters = 3 }, platform);
        _store = new SqliteStore(Path.Combine(_folder, "vigil.db"));
        _store.Migrate();
        Ingestor.Ingest(_store, [.. new[] { "accounts.jsonl", "posts.jsonl", "interactions.jsonl" }.Select(f => Path.Combine(platform, f))],
            new IngestOptions());
    }

    public void Dispose()
    {
        _store.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private static AnalysisOptions Options() => new()
    {
        Detector = Detector.LoadDefault(),
        BotModel = BotModel.SimulationCalibrated,
        Policy = EnforcementPolicy.Default,
    };

    private AnalysisResult Run(AnalysisOptions options)
    {
        using var log = new InMemoryDecisionLog();
        return AnalysisPipeline.Run(_store, log, options);
    }

    [Fact]
    public void What_the_amplifier_stages_found_reads_back_from_the_store()
    {
        var result = Run(Options());

        var stored = _store.ReadAmplifierResults(result.AmplifierKey);

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
        Assert.Equal(result.Amplification.Posts.Select(p => (p.PostId, p.Reposts, p.AmplifierReposts, p.AmplifierViews)),
            stored.Posts.Select(p => (p.PostId, p.Reposts, p.AmplifierReposts, p.AmplifierViews)));
        Assert.Equal(result.Amplification.Weeks.Sum(w => w.AmplifierViews), stored.Weeks.Sum(w => w.AmplifierViews), 1e-6);
        Assert.Equal(result.Amplification.Weeks.Count, stored.Weeks.Count);
    }

    [Fact]
    public void Re_running_replaces_and_other_settings_are_kept_beside()
    {
        var first = Run(Options());
        var afterFirst = _store.GetStats();

        var again = Run(Options());
        var afterAgain = _store.GetStats();
        var otherSettings = Run(Options() with { Clusters = new() { MinPairWeight = 8 } });

        Assert.Equal(first.AmplifierKey, again.AmplifierKey);
        Assert.Equal(afterFirst, afterAgain);
        Assert.NotEqual(first.AmplifierKey.Id, otherSettings.AmplifierKey.Id);
        Assert.Equal(2, _store.GetStats().AnalysisRuns);
        Assert.NotNull(_store.ReadAmplifierResults(first.AmplifierKey));
        Assert.NotNull(_store.ReadAmplifierResults(otherSettings.AmplifierKey));
    }
}
