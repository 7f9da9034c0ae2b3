using Microsoft.Data.Sqlite;
using Vigil.DecisionLog;
using Vigil.Storage.Sqlite;

namespace Vigil.Storage;

/// <summary>Whether opening a database may create it.</summary>
public enum DatabaseAccess
{
    /// <summary>The database must already exist: commands that read must not create an empty one by accident.</summary>
    Existing,
    /// <summary>Created when missing (ingest, policy apply).</summary>
    CreateIfMissing,
}

/// <summary>
/// What a <c>--db</c> value names: the store and the decision log that live together, opened the same way by every
/// host. Today the value is a SQLite file path. This is the one place a location becomes a backend: a PostgreSQL store
/// and log (the scale-out issue) are recognised here by their <c>postgresql://</c> connection string, and no command
/// changes. The store and the log are opened (and migrated) only when first asked for.
/// </summary>
public sealed class VigilDatabase : IAsyncDisposable
{
    /// <summary>The database a host uses when none is named: <c>vigil.db</c> in the current folder.</summary>
    public const string DefaultLocation = "vigil.db";

    private IVigilStore? _store;
    private IDecisionLog? _log;

    private VigilDatabase(string location) => Location = location;

    /// <summary>The value the database was opened with, as a user wrote it (for messages).</summary>
    public string Location { get; }

    /// <exception cref="FileNotFoundException">With <see cref="DatabaseAccess.Existing"/>, the database does not exist.</exception>
    /// <exception cref="NotSupportedException">A connection string of a backend not written yet.</exception>
    public static VigilDatabase Open(string location, DatabaseAccess access)
    {
        if (location.Contains("://", StringComparison.Ordinal))
            throw new NotSupportedException($"{location}: only SQLite database files are supported so far.");
        if (access == DatabaseAccess.Existing && !File.Exists(location))
            throw new FileNotFoundException($"{location}: no such database (create one with vigil ingest).", location);
        return new VigilDatabase(location);
    }

    /// <summary>The store, schema migrated.</summary>
    /// <exception cref="IOException">The file exists but is not a database SQLite can open and migrate.</exception>
    public async Task<IVigilStore> StoreAsync(CancellationToken ct = default) =>
        _store ??= await OpenedAsync(() => new SqliteStore(Location), ct);

    /// <summary>The decision log, schema migrated.</summary>
    /// <exception cref="IOException">The file exists but is not a database SQLite can open and migrate.</exception>
    public async Task<IDecisionLog> LogAsync(CancellationToken ct = default) =>
        _log ??= await OpenedAsync(() => new SqliteDecisionLog(Location), ct);

    /// <summary>Opens and migrates; a file SQLite cannot open (not a database, unreadable) is named, not left as "SQLite Error 26".</summary>
    private async Task<T> OpenedAsync<T>(Func<T> open, CancellationToken ct) where T : class, IAsyncDisposable
    {
        T? opened = null;
        try
        {
            opened = open();
            await (opened switch
            {
                IVigilStore store => store.MigrateAsync(ct),
                IDecisionLog log => log.MigrateAsync(ct),
                _ => Task.CompletedTask,
            });
            return opened;
        }
        catch (Exception e)
        {
            if (opened is not null) await opened.DisposeAsync();
            if (e is SqliteException sqlite) throw new IOException($"{Location}: cannot open the database: {sqlite.Message}", sqlite);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_log is not null) await _log.DisposeAsync();
        if (_store is not null) await _store.DisposeAsync();
    }
}
