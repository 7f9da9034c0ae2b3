using System.Text.Json;
using Npgsql;
using Vigil.Bots;
using Vigil.Cli;
using Vigil.DecisionLog;
using Vigil.Detection;
using Vigil.Pipeline;
using Vigil.Policy;
using Vigil.Postgres;
using Vigil.Storage;
using Vigil.Tests.Policy;
using Vigil.Tests.Support;

namespace Vigil.Tests.Postgres;

/// <summary>
/// The command line on PostgreSQL, end to end: the same simulated platform ingested, analysed and verified with
/// <c>--db postgresql://…</c> and with a SQLite file ends in the same store and the same decision log, and the
/// whole-graph jobs (bot scores, co-action networks, clusters, attribution of reach, measurement, the transparency
/// report) conclude the same on both: the stores differ in how they read and write (COPY, collations, time types), what
/// the jobs conclude must not.
/// </summary>
[Collection("console")]
public sealed class PostgresCliTests : IAsyncLifetime
{
    private static readonly JsonSerializerOptions Json = new()
    {
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    private readonly string _folder = Directory.CreateTempSubdirectory("vigil-pg-cli-").FullName;
    private PostgresTestSchema? _schema;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_schema is not null) await _schema.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [PostgresFact]
    public async Task Ingest_analyze_and_log_verify_give_on_postgres_what_they_give_on_sqlite()
    {
        _schema = PostgresTestSchema.Create();
        var postgres = _schema.Url;
        var sqlite = Path.Combine(_folder, "vigil.db");
        var sim = Path.Combine(_folder, "sim");
        Assert.Equal(0, Program.Main(["simulate", "--seed", "5", "--accounts", "200", "--days", "7", "--out", sim]));
        string[] ingest = ["ingest", "--in", Path.Combine(sim, "accounts.jsonl"), "--in", Path.Combine(sim, "posts.jsonl"),
            "--in", Path.Combine(sim, "interactions.jsonl")];

        foreach (var db in new[] { sqlite, postgres })
        {
            Assert.Equal(0, Program.Main([.. ingest, "--db", db]));
            Assert.Equal(0, Program.Main([.. ingest, "--db", db])); // idempotent: nothing new the second time
            Assert.Equal(0, Program.Main(["analyze", "--db", db]));
            Assert.Equal(0, Program.Main(["log", "verify", "--db", db]));
            Assert.Equal(0, Program.Main(["stats", "--db", db]));
        }

        await using var onSqlite = VigilDatabase.Open(sqlite, DatabaseAccess.Existing);
        await using var onPostgres = VigilDatabase.Open(postgres, DatabaseAccess.Existing);
        var expectedStats = await (await onSqlite.StoreAsync()).GetStatsAsync();
        Assert.True(expectedStats.Posts > 0 && expectedStats.Assessments > 0 && expectedStats.AnalysisRuns > 0, expectedStats.ToString());
        Assert.Equal(expectedStats, await (await onPostgres.StoreAsync()).GetStatsAsync());
        // The same events in the same order; times (and so hashes) are when each run happened.
        var expectedLog = await Events(onSqlite);
        Assert.NotEmpty(expectedLog);
        Assert.Equal(expectedLog, await Events(onPostgres));
    }

    [PostgresFact]
    public async Task Log_verify_on_postgres_finds_a_tampered_event()
    {
        _schema = PostgresTestSchema.Create();
        var postgres = _schema.Url;
        var inputs = Path.Combine(_folder, "inputs.jsonl");
        File.WriteAllLines(inputs, Enumerable.Range(0, 50).Select(i =>
            $$"""{"post_id":"p{{i}}","author_id":"a{{i % 7}}","code":"dual-loyalty","p_antisemitic":0.95,"confidence":0.9,"model_version":"m1","reach":{{i}}}"""));
        Assert.Equal(0, Program.Main(["policy", "apply", "--in", inputs, "--db", postgres]));
        Assert.Equal(0, Program.Main(["log", "verify", "--db", postgres]));

        // Only someone who may drop the append-only trigger can change an event; the chain still shows it.
        await using (var connection = await _schema.Source.OpenConnectionAsync())
        await using (var tamper = new NpgsqlCommand("""
            ALTER TABLE decision_events DISABLE TRIGGER decision_events_append_only;
            UPDATE decision_events SET actor = 'human:mallory' WHERE seq = 1;
            ALTER TABLE decision_events ENABLE TRIGGER decision_events_append_only;
            """, connection))
            await tamper.ExecuteNonQueryAsync();

        Assert.Equal(3, Program.Main(["log", "verify", "--db", postgres]));
    }

    [PostgresFact]
    public void A_command_that_reads_refuses_a_database_without_a_vigil_schema()
    {
        _schema = PostgresTestSchema.Create();
        Assert.Equal(2, Program.Main(["stats", "--db", _schema.Url]));
    }

    private static async Task<List<(string, DecisionEventType, string)>> Events(VigilDatabase database) =>
        await (await database.LogAsync()).ReadAllAsync().Select(e => (e.Id, e.Type, e.Subject)).ToListAsync();

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
        Assert.NotEmpty(sqlite.Result.AmplificationWeeks);
        Assert.True(sqlite.Result.Enforcement.Decisions > 0);
        Assert.Equal(sqlite.Result.Assess.ModelVersion, postgres.Result.Assess.ModelVersion);

        Assert.Equal(Serialized(sqlite.Result.BotScores.OrderBy(s => s.Key, StringComparer.Ordinal)),
            Serialized(postgres.Result.BotScores.OrderBy(s => s.Key, StringComparer.Ordinal)));
        Assert.Equal(sqlite.Result.Coordination, postgres.Result.Coordination);
        Assert.Equal(Serialized(sqlite.Result.Clusters), Serialized(postgres.Result.Clusters));
        Assert.Equal(Serialized(sqlite.Result.AmplificationWeeks), Serialized(postgres.Result.AmplificationWeeks));
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
