using Vigil.Simulation.Oracles;
using Vigil.Bots;
using Vigil.DecisionLog;
using Vigil.Detection;
using Vigil.Detection.Cascade;
using Vigil.Ingest;
using Vigil.Pipeline;
using Vigil.Policy;
using Vigil.Simulation;
using Vigil.Storage.Sqlite;

namespace Vigil.Tests.Pipeline;

/// <summary>
/// The stages wired together on a small simulated platform: what the demo and <c>vigil analyze</c> run. One platform is
/// simulated, ingested and analysed once for the class; each test reads what it needs from that run.
/// </summary>
public sealed class AnalysisPipelineTests : IClassFixture<AnalysisPipelineTests.AnalysedPlatform>
{
    private readonly AnalysedPlatform _platform;

    public AnalysisPipelineTests(AnalysedPlatform platform) => _platform = platform;

    [Fact]
    public async Task Every_original_post_is_assessed_once_and_reposts_are_not()
    {
        var originals = _platform.Simulation.Posts - _platform.Simulation.Reposts;

        Assert.Equal(originals, _platform.First.Assess.Assessed);
        Assert.Equal(originals, (await _platform.Store.GetStatsAsync()).Assessments);
        // All under the run's version, which the policy, the report and the server read back: a cascade run once
        // stored the posts its first stage decided under that stage's version, and the policy saw only the rest.
        Assert.Equal(originals, await _platform.Store.ReadAssessmentsAsync(_platform.First.Assess.ModelVersion).CountAsync());
        Assert.Contains("+", _platform.First.Assess.ModelVersion);
    }

    [Fact]
    public void Planted_clusters_and_bots_are_recovered()
    {
        var scorecard = _platform.Scorecard;

        Assert.True(scorecard.ClusterMembers.Precision >= 0.95, $"cluster precision {scorecard.ClusterMembers.Precision}");
        Assert.True(scorecard.ClusterMembers.Recall >= 0.95, $"cluster recall {scorecard.ClusterMembers.Recall}");
        Assert.True(scorecard.Bots.F1 >= 0.8, $"bot F1 {scorecard.Bots.F1}");
    }

    [Fact]
    public void Detection_finds_more_antisemitism_than_chance_on_simulated_text()
    {
        var score = _platform.Scorecard.Antisemitic;
        var baseRate = (double)(score.TruePositives + score.FalseNegatives) /
                       (score.TruePositives + score.FalseNegatives + score.FalsePositives + score.TrueNegatives);

        // Flagging at random would give precision equal to the base rate; the floor guards against a broken stage.
        Assert.True(score.Precision > 3 * baseRate, $"precision {score.Precision} vs base rate {baseRate}");
        Assert.True(score.Recall > 0.3, $"recall {score.Recall}");
    }

    [Fact]
    public void Amplification_is_attributed_for_every_week_and_hateful_reach_leans_on_amplifiers()
    {
        var weeks = _platform.First.AmplificationWeeks;
        var antisemitic = weeks.Where(w => w.Category == Vigil.Amplification.PostCategory.Antisemitic).ToList();
        var other = weeks.Where(w => w.Category == Vigil.Amplification.PostCategory.Other).ToList();

        Assert.NotEmpty(antisemitic);
        // The simulator's clusters push hateful content; attribution must see that.
        Assert.True(antisemitic.Sum(w => w.AmplifierViews) / antisemitic.Sum(w => w.Views) >
                    other.Sum(w => w.AmplifierViews) / other.Sum(w => w.Views));
    }

    [Fact]
    public void Policy_decides_and_a_rerun_with_the_same_versions_adds_nothing()
    {
        Assert.True(_platform.First.Enforcement.Decisions > 0);
        Assert.Equal(0, _platform.Second.Enforcement.Decisions);
        Assert.Equal(0, _platform.Second.Enforcement.EventsAppended);
        Assert.Equal(_platform.First.Assess.Assessed, _platform.Second.Assess.Assessed);
    }

    [Fact]
    public void Contested_and_exempt_posts_never_lose_reach()
    {
        Assert.DoesNotContain(_platform.First.EnforcementSummary.Actions, a =>
            a.Consensus is "contested" or "protected-political" or "exempt-context" &&
            a.HighestRung is not ("none" or "label"));
    }

    public sealed class AnalysedPlatform : IAsyncLifetime
    {
        private readonly string _folder = Directory.CreateTempSubdirectory("vigil-pipeline-").FullName;
        private readonly CascadeDetector _twoStage = CascadeDetector.Create(Detector.LoadDefault(), new CascadeOptions { ConfirmFlagged = true });

        public AnalysedPlatform()
        {
            Simulation = Simulator.Run(new SimulationOptions { Seed = 5, Accounts = 400, Days = 14 }, _folder);
            Store = new SqliteStore(Path.Combine(_folder, "vigil.db"));
        }

        public async Task InitializeAsync()
        {
            var database = Store.Path;
            await Store.MigrateAsync();
            await Ingestor.IngestAsync(Store, [.. new[] { "accounts.jsonl", "posts.jsonl", "interactions.jsonl" }.Select(f => Path.Combine(_folder, f))],
                new IngestOptions());
            // The detector `vigil analyze` runs by default: both stages, the encoder on every post the policy can act on.
            var options = new AnalysisOptions
            {
                Detector = Detector.LoadDefault(), TwoStage = _twoStage, BotModel = BotModel.SimulationCalibrated, Policy = EnforcementPolicy.Default,
            };
            await using (var log = new SqliteDecisionLog(database)) First = await AnalysisPipeline.RunAsync(Store, log, options);
            await using (var log = new SqliteDecisionLog(database)) Second = await AnalysisPipeline.RunAsync(Store, log, options);
            var assessments = (await Store.ReadAssessmentsAsync(First.Assess.ModelVersion).ToListAsync()).ToDictionary(a => a.PostId);
            Scorecard = TruthScorecard.Compute(Simulation.Truth, assessments, First.BotScores, First.Clusters);
        }

        public SimulationResult Simulation { get; }
        public SqliteStore Store { get; }
        public AnalysisResult First { get; private set; } = null!;
        public AnalysisResult Second { get; private set; } = null!;
        public TruthScorecard Scorecard { get; private set; } = null!;

        public async Task DisposeAsync()
        {
            await Store.DisposeAsync();
            _twoStage.Dispose();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(_folder, recursive: true);
        }
    }
}
