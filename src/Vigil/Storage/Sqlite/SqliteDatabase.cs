using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Vigil.Storage.Sqlite;

/// <summary>
/// The one way Vigil opens a SQLite database file: every connection (the store's writer and readers, the decision
/// log, the server's API keys) gets the same pragmas, and every table comes from <see cref="SqliteMigrations"/>.
/// </summary>
public static class SqliteDatabase
{
    /// <summary>
    /// How long a statement waits for another connection's write lock before failing with "database is locked": the
    /// store, the log and the server's key checks write the same file from separate connections.
    /// </summary>
    private const int BusyTimeoutMilliseconds = 10_000;

    /// <summary>
    /// A read-write connection, opened, creating the file when missing. WAL lets readers proceed while one connection
    /// writes. synchronous=NORMAL is durable across application crashes in WAL mode; only an OS crash can lose the last
    /// transactions, which an idempotent re-run restores. <paramref name="pooled"/> suits a host opening a connection
    /// per request; unpooled connections release the file as soon as they are disposed (tests copy and delete it).
    /// </summary>
    public static SqliteConnection OpenReadWrite(string path, bool pooled = false) =>
        Open(path, SqliteOpenMode.ReadWriteCreate, pooled,
            $"PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA temp_store=MEMORY; PRAGMA wal_autocheckpoint={CheckpointPages}; " +
            $"PRAGMA busy_timeout={BusyTimeoutMilliseconds};");

    /// <summary>
    /// The WAL's size, in 4 KiB pages (64 MiB), past which a commit copies it into the database. SQLite's default of 1,000
    /// pages made bulk writers checkpoint every few batches, copying and syncing the same b-tree pages again and again:
    /// the 10M ingest took 58.7–60.8 s with it and 53.5–55.8 s with this (docs/BENCHMARKS.md); 256 MiB gained nothing more.
    /// </summary>
    private const int CheckpointPages = 16_384;

    /// <summary>A read-only connection, opened: a stage streams from one while it writes its results through another.</summary>
    internal static SqliteConnection OpenReadOnly(string path) =>
        Open(path, SqliteOpenMode.ReadOnly, pooled: false, $"PRAGMA busy_timeout={BusyTimeoutMilliseconds};");

    /// <summary>
    /// Applies the migrations this database has not applied yet, each in its own transaction, and records each in
    /// <c>schema_migrations</c> with the time it was applied. Safe to call from several connections at once: the
    /// version is re-read under the write lock, so each migration runs once.
    /// </summary>
    public static void Migrate(SqliteConnection connection, TimeProvider time, CancellationToken ct = default)
    {
        Execute(connection, null, "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER NOT NULL PRIMARY KEY, applied_at TEXT NOT NULL)");
        while (SchemaVersion(connection, null) < SqliteMigrations.All.Count)
        {
            ct.ThrowIfCancellationRequested();
            // BeginTransaction takes the write lock (BEGIN IMMEDIATE): another connection may have migrated meanwhile.
            using var transaction = connection.BeginTransaction();
            var version = SchemaVersion(connection, transaction) + 1;
            if (version > SqliteMigrations.All.Count) break;
            Execute(connection, transaction, SqliteMigrations.All[version - 1]);
            using var record = connection.CreateCommand();
            record.Transaction = transaction;
            record.CommandText = "INSERT INTO schema_migrations (version, applied_at) VALUES ($v, $at)";
            record.Parameters.AddWithValue("$v", version);
            record.Parameters.AddWithValue("$at", time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
            record.ExecuteNonQuery();
            transaction.Commit();
        }
    }

    /// <summary>The highest migration applied; <see cref="SqliteMigrations.All"/> lists them.</summary>
    internal static int SchemaVersion(SqliteConnection connection) => SchemaVersion(connection, null);

    private static int SchemaVersion(SqliteConnection connection, SqliteTransaction? transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT coalesce(max(version), 0) FROM schema_migrations";
        return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static SqliteConnection Open(string path, SqliteOpenMode mode, bool pooled, string pragmas)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path, Mode = mode, Pooling = pooled,
        }.ToString());
        try
        {
            connection.Open();
            Execute(connection, null, pragmas);
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
