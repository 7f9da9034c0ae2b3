using Microsoft.Data.Sqlite;
using Vigil.Storage;
using Vigil.Storage.Sqlite;
using Vigil.Amplification;
using Vigil.DecisionLog;
using Vigil.Model;
using Vigil.Tests.Policy;

namespace Vigil.Tests.Storage;

/// <summary>SQLite specifics the contract cannot see: the migration ledger and the journal mode.</summary>
public sealed class SqliteMigrationTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("vigil-migrate-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Migrate_records_each_migration_once_with_the_injected_time()
    {
        var path = Path.Combine(_folder, "m.db");
        var time = new FixedTime(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));
        using (var store = new SqliteStore(path, time))
        {
            await store.MigrateAsync();
            await store.MigrateAsync();
            Assert.Equal(SqliteMigrations.All.Count, store.SchemaVersion);
        }

        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*), count(DISTINCT version), min(applied_at) FROM schema_migrations";
        using var reader = command.ExecuteReader();
        reader.Read();
        Assert.Equal(SqliteMigrations.All.Count, reader.GetInt32(0));
        Assert.Equal(SqliteMigrations.All.Count, reader.GetInt32(1));
        Assert.StartsWith("2026-01-02T03:04:05", reader.GetString(2));
    }

    [Fact]
    public async Task A_database_from_before_the_amplifier_tables_upgrades_and_keeps_its_data()
    {
        var path = Path.Combine(_folder, "old.db");
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            // The schema as the store shipped it before migration 3, with one post in it.
            command.CommandText = "CREATE TABLE schema_migrations (version INTEGER NOT NULL PRIMARY KEY, applied_at TEXT NOT NULL);" +
                                  SqliteMigrations.All[0] + SqliteMigrations.All[1] +
                                  "INSERT INTO schema_migrations VALUES (1, 'then'), (2, 'then');" +
                                  "INSERT INTO posts (id, author_id, created_at, text, views) VALUES ('p1', 'a1', 0, 'kept', 7);";
            command.ExecuteNonQuery();
        }

        using var store = new SqliteStore(path);
        await store.MigrateAsync();
        var key = new AnalysisKey("m1", "b1", "s");
        await store.SaveAmplifierResultsAsync(new AmplifierResults(key, [new StoredBotScore("a1", 0.5, false, "")], [], [], []));

        Assert.Equal(SqliteMigrations.All.Count, store.SchemaVersion);
        Assert.Equal(("p1", "kept", 7L), (await store.ReadPostsAsync().ToListAsync()).Select(p => (p.Id, p.Text, p.Views)).Single());
        Assert.Single((await store.ReadAmplifierResultsAsync(key))!.BotScores);
    }

    [Fact]
    public async Task A_database_from_before_the_log_and_keys_were_migrations_upgrades_and_its_log_still_verifies()
    {
        var path = Path.Combine(_folder, "log.db");
        var time = new FixedTime(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        LogHead head;
        await using (var log = new SqliteDecisionLog(path, time))
        {
            var engine = await PolicyTestKit.EngineAsync(time, log);
            await engine.ApplyAsync([PolicyTestKit.Input("p1", "a1", ContentCode.DualLoyalty),
                PolicyTestKit.Input("p2", "a2", ContentCode.IncitementViolence)]);
            head = (await log.HeadAsync())!;
        }
        // Back to the ledger of a database from then: migrations 1-3 recorded, the log's and the keys' tables made by
        // their owners (the same statements, which is why migrations 4 and 5 say IF NOT EXISTS), one key stored.
        Sql(path, "DELETE FROM schema_migrations WHERE version > 3;" +
                  "INSERT INTO api_keys (id, name, role, secret_sha256, created_at) VALUES ('k1', 'ops', 'admin', x'00', 'then');");

        using var store = new SqliteStore(path);
        await store.MigrateAsync();

        Assert.Equal(SqliteMigrations.All.Count, store.SchemaVersion);
        await using var reopened = new SqliteDecisionLog(path);
        var events = await reopened.ReadAllAsync().ToListAsync();
        Assert.Equal(head.Sequence, events.Count);
        Assert.Equal(head.Hash, (await reopened.HeadAsync())!.Hash);
        Assert.True((await LogVerifier.VerifyAsync(reopened.ReadAllAsync())).Intact);
        Assert.Equal("ops", Sql(path, "SELECT name FROM api_keys"));
    }

    [Fact]
    public async Task The_log_and_the_store_migrate_one_ledger_whichever_opens_the_file_first()
    {
        var path = Path.Combine(_folder, "first.db");
        await using (new SqliteDecisionLog(path)) { }
        Assert.Equal(SqliteMigrations.All.Count, Convert.ToInt32(Sql(path, "SELECT count(*) FROM schema_migrations")));

        using var store = new SqliteStore(path);
        await store.MigrateAsync();
        Assert.Equal(SqliteMigrations.All.Count, Convert.ToInt32(Sql(path, "SELECT count(*) FROM schema_migrations")));
        Assert.Equal(0L, (await store.GetStatsAsync()).Posts);
    }

    private static object? Sql(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    [Fact]
    public async Task The_database_is_in_wal_mode()
    {
        var path = Path.Combine(_folder, "w.db");
        using (var store = new SqliteStore(path)) await store.MigrateAsync();

        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", command.ExecuteScalar());
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
