using Npgsql;
using Vigil.Cli;
using Vigil.DecisionLog;
using Vigil.Postgres;
using Vigil.Storage;
using Vigil.Tests.Support;

namespace Vigil.Tests.Postgres;

/// <summary>
/// The command line on PostgreSQL, end to end: the same simulated platform ingested, analysed and verified with
/// <c>--db postgresql://…</c> and with a SQLite file ends in the same store and the same decision log.
/// </summary>
[Collection("console")]
public sealed class PostgresCliTests : IAsyncLifetime
{
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
}
