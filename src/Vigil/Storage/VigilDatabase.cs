using System.Collections.Immutable;
using System.Data.Common;
using System.Text.RegularExpressions;
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
/// host. This is the one place a location becomes a backend: a SQLite file path by default, or a connection string of a
/// backend a host registered (<see cref="Register"/>: the CLI and the server register PostgreSQL, which recognises
/// <c>postgresql://…</c> and <c>Host=…</c>), and no command changes. The store and the log are opened (and migrated)
/// only when first asked for.
/// </summary>
public sealed partial class VigilDatabase : IAsyncDisposable
{
    /// <summary>The database a host uses when none is named: <c>vigil.db</c> in the current folder.</summary>
    public const string DefaultLocation = "vigil.db";

    private static ImmutableArray<IDatabaseBackend> s_backends = [];

    private readonly IBackendDatabase? _backend;
    private IVigilStore? _store;
    private IDecisionLog? _log;
    private bool _connectionsMigrated;

    private VigilDatabase(string location, IBackendDatabase? backend)
    {
        Location = location;
        _backend = backend;
    }

    /// <summary>The value the database was opened with, as a user wrote it but with any password masked (for messages).</summary>
    public string Location { get; }

    /// <summary>The SQLite file, or null when the database is another backend's (a file-only feature then says so).</summary>
    public string? SqlitePath => _backend is null ? Location : null;

    /// <summary>Lets <c>--db</c> name <paramref name="backend"/>'s databases from now on in this process; registering the same kind twice is harmless.</summary>
    public static void Register(IDatabaseBackend backend) =>
        ImmutableInterlocked.Update(ref s_backends, static (registered, added) =>
            registered.Any(b => b.GetType() == added.GetType()) ? registered : registered.Add(added), backend);

    /// <exception cref="FileNotFoundException">With <see cref="DatabaseAccess.Existing"/>, the database does not exist.</exception>
    /// <exception cref="NotSupportedException">A connection string no registered backend recognises.</exception>
    public static VigilDatabase Open(string location, DatabaseAccess access)
    {
        foreach (var backend in s_backends)
            if (backend.Recognises(location))
                return new VigilDatabase(backend.Describe(location), backend.Open(location, access));
        if (ConnectionStringForm().IsMatch(location))
            throw new NotSupportedException($"{Password().Replace(location, "$1***$2")}: no database backend in this program " +
                                            "recognises this connection string (only SQLite files are supported here).");
        if (access == DatabaseAccess.Existing && !File.Exists(location))
            throw new FileNotFoundException($"{location}: no such database (create one with vigil ingest).", location);
        return new VigilDatabase(location, backend: null);
    }

    /// <summary>The store, schema migrated.</summary>
    /// <exception cref="IOException">The database exists but cannot be opened and migrated.</exception>
    public async Task<IVigilStore> StoreAsync(CancellationToken ct = default) =>
        _store ??= _backend is null ? await OpenedAsync(() => new SqliteStore(Location), ct) : await _backend.OpenStoreAsync(ct);

    /// <summary>The decision log, schema migrated.</summary>
    /// <exception cref="IOException">The database exists but cannot be opened and migrated.</exception>
    public async Task<IDecisionLog> LogAsync(CancellationToken ct = default) =>
        _log ??= _backend is null ? await OpenedAsync(() => new SqliteDecisionLog(Location), ct) : await _backend.OpenLogAsync(ct);

    /// <summary>
    /// A connection, open and its schema migrated, for the tables a host keeps beside the store and the log (the server's
    /// API keys): one class serves every backend when its SQL keeps to what SQLite and PostgreSQL share, with
    /// <c>@name</c> parameters. The caller disposes it; connections are pooled.
    /// </summary>
    /// <exception cref="IOException">The database exists but cannot be opened and migrated.</exception>
    public async Task<DbConnection> OpenConnectionAsync(CancellationToken ct = default)
    {
        if (_backend is not null) return await _backend.OpenConnectionAsync(ct);
        SqliteConnection? connection = null;
        try
        {
            connection = SqliteDatabase.OpenReadWrite(Location, pooled: true);
            // Once per database: a server asks for a connection on every key look-up.
            if (!Volatile.Read(ref _connectionsMigrated))
            {
                SqliteDatabase.Migrate(connection, TimeProvider.System, ct);
                Volatile.Write(ref _connectionsMigrated, true);
            }
            return connection;
        }
        catch (SqliteException e)
        {
            if (connection is not null) await connection.DisposeAsync();
            throw new IOException($"{Location}: cannot open the database: {e.Message}", e);
        }
    }

    /// <summary>A URL (<c>scheme://…</c>) or a keyword connection string naming a host: never a SQLite file name.</summary>
    [GeneratedRegex(@"^[a-z][a-z0-9+.-]*://|(^|;)\s*(host|server)\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex ConnectionStringForm();

    /// <summary>The password of a URL's user information or of a <c>Password=</c> keyword.</summary>
    [GeneratedRegex(@"(://[^:/@]*:|password\s*=\s*)[^@;]*(@|;|$)", RegexOptions.IgnoreCase)]
    private static partial Regex Password();

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
        if (_backend is not null) await _backend.DisposeAsync();
    }
}
