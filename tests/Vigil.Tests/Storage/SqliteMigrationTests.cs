using Microsoft.Data.Sqlite;
using Vigil.Storage;
using Vigil.Storage.Sqlite;
using Vigil.Amplification;

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
