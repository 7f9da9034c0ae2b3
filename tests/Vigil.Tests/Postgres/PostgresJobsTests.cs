using System.Text.Json;
using Vigil.Bots;
using Vigil.Cli;
using Vigil.DecisionLog;
using Vigil.Detection;
using Vigil.Enforcement;
using Vigil.Pipeline;
using Vigil.Policy;
using Vigil.Storage;
using Vigil.Tests.Policy;
using Vigil.Tests.Support;

namespace Vigil.Tests.Postgres;

/// <summary>
/// The whole-graph jobs on PostgreSQL: one simulated platform in a SQLite file and in a PostgreSQL schema gives the same
/// bot scores, co-action networks, clusters, attribution of reach, decision log (to the hash, under one clock), stored
/// amplifier tables, measurement and transparency report on both. The stores differ in how they read and write (COPY,
/// collations, time types); what the jobs conclude must not.
/// </summary>
[Collection("console")]
public sealed class PostgresJobsTests : IAsyncLifetime
{
    private static readonly JsonSerializerOptions Json = new()
    {
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    private readonly string _folder = Directory.CreateTempSubdirectory("vigil-pg-jobs-").FullName;
    private PostgresTestSchema? _schema;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_schema is not null) await _schema.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [PostgresFact]
    public async Task Coordination_clusters_amplification_measurement_and_report_are_the_same_on_postgres_and_sqlite()
    {
        _schema = PostgresTestSchema.Create();
        var sim = Path.Combine(_folder, "sim");
        Assert.Equal(0, Program.Main(["simulate", "--seed", "11", "--accounts", "300", "--days", "14", "--out", sim]));
        var truth = Path.Combine(sim, "truth.json");
        var runs = new List<Run>();
        foreach (var db in new[] { Path.Combine(_folder, "vigil.db"), _schema.Url })
        {
            Assert.Equal(0, Program.Main(["ingest", "--in", Path.Combine(sim, "accounts.jsonl"), "--in", Path.Combine(sim, "posts.jsonl"),
                "--in", Path.Combine(sim, "interactions.jsonl"), "--db", db]));
            runs.Add(await AnalyseAsync(db));
        }
        var (sqlite, postgres) = (runs[0], runs[1]);

        // Something to compare: the platform has clusters, reach rows and decisions.
        Assert.NotEmpty(sqlite.Result.Clusters);
        Assert.NotEmpty(sqlite.Result.Amplification.Posts);
        Assert.True(sqlite.Result.Enforcement.Decisions > 0);
        Assert.Equal(sqlite.Result.Assess.ModelVersion, postgres.Result.Assess.ModelVersion);

        Assert.Equal(Serialized(sqlite.Result.BotScores.OrderBy(s => s.Key, StringComparer.Ordinal)),
            Serialized(postgres.Result.BotScores.OrderBy(s => s.Key, StringComparer.Ordinal)));
        for (var t = 0; t < sqlite.Result.Coordination.Count; t++)
        {
            Assert.Equal(sqlite.Result.Coordination[t].Type, postgres.Result.Coordination[t].Type);
            Assert.Equal(sqlite.Result.Coordination[t].Edges, postgres.Result.Coordination[t].Edges);
        }
        Assert.Equal(Serialized(sqlite.Result.Clusters), Serialized(postgres.Result.Clusters));
        Assert.Equal(Serialized(sqlite.Result.Amplification), Serialized(postgres.Result.Amplification));
        Assert.Equal(sqlite.Stored, postgres.Stored);
        Assert.Equal(sqlite.Events, postgres.Events);

        // Measurement and the report read the store again, each on its own.
        var model = sqlite.Result.Assess.ModelVersion;
        var outputs = new List<(string Estimates, string Report)>();
        foreach (var (db, name) in new[] { (Path.Combine(_folder, "vigil.db"), "sqlite"), (_schema.Url, "postgres") })
        {
            var estimates = Path.Combine(_folder, name + "-estimates.csv");
            var report = Path.Combine(_folder, name + "-report");
            Assert.Equal(0, Program.Main(["measure", "estimate", "--db", db, "--model-version", model, "--period", "2026-01-05..2026-01-19",
                "--size", "60", "--seed", "3", "--oracle", truth, "--out", estimates]));
            Assert.Equal(0, Program.Main(["report", "--db", db, "--model-version", model, "--out", report, "--size", "40",
                "--oracle", truth]));
            outputs.Add((File.ReadAllText(estimates), File.ReadAllText(Path.Combine(report, "report.json"))));
        }
        Assert.Contains("\n", outputs[0].Estimates.TrimEnd());
        Assert.Equal(outputs[0].Estimates, outputs[1].Estimates);
        Assert.Equal(outputs[0].Report, outputs[1].Report);
    }

    private sealed record Run(AnalysisResult Result, string Stored, IReadOnlyList<DecisionEvent> Events);

    /// <summary>The pipeline of <c>vigil analyze</c> under a fixed clock, so the two logs' times and hashes can be compared too.</summary>
    private static async Task<Run> AnalyseAsync(string db)
    {
        await using var database = VigilDatabase.Open(db, DatabaseAccess.Existing);
        var store = await database.StoreAsync();
        var log = await database.LogAsync();
        var result = await AnalysisPipeline.RunAsync(store, log, new AnalysisOptions
        {
            Detector = Detector.LoadDefault(), BotModel = BotModel.SimulationCalibrated, Policy = EnforcementPolicy.Default,
            Time = new FakeClock(PolicyTestKit.Start),
        });
        var stored = await store.ReadAmplifierResultsAsync(result.AmplifierKey);
        Assert.NotNull(stored);
        return new Run(result, Serialized(stored), await log.ReadAllAsync().ToListAsync());
    }

    private static string Serialized<T>(T value) => JsonSerializer.Serialize(value, Json);

}
