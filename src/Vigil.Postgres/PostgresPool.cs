using Npgsql;
using Vigil.Storage;

namespace Vigil.Postgres;

/// <summary>
/// The one pooled data source of a connection string in this process, shared by every <see cref="PostgresDatabase"/>
/// opened on it: a server that opens the database for each request (the log, exports, ingest, score suggestions) then
/// reuses one pool of connections, and checks the schema's migrations once, not per request. Leased: the data source is
/// disposed with the last database that holds it, so a process that opens many databases in turn (tests, one schema
/// each) keeps none of them open.
/// </summary>
internal sealed class PostgresPool
{
    private static readonly Dictionary<string, PostgresPool> s_open = new(StringComparer.Ordinal);
    private static readonly Lock s_gate = new();

    private readonly string _connectionString;
    private readonly SemaphoreSlim _migrating = new(1, 1);
    private int _leases;
    private bool _migrated;

    private PostgresPool(string connectionString)
    {
        _connectionString = connectionString;
        Source = NpgsqlDataSource.Create(connectionString);
    }

    public NpgsqlDataSource Source { get; }

    /// <summary>The pool of <paramref name="connectionString"/>, created on first use; give it back with <see cref="ReleaseAsync"/>.</summary>
    public static PostgresPool Lease(string connectionString)
    {
        lock (s_gate)
        {
            if (!s_open.TryGetValue(connectionString, out var pool)) s_open.Add(connectionString, pool = new PostgresPool(connectionString));
            pool._leases++;
            return pool;
        }
    }

    /// <summary>Ends one lease; the last one disposes the data source, closing its connections.</summary>
    public async ValueTask ReleaseAsync()
    {
        lock (s_gate)
        {
            if (--_leases > 0) return;
            s_open.Remove(_connectionString);
        }
        await Source.DisposeAsync();
        _migrating.Dispose();
    }

    /// <summary>
    /// Migrates the schema once per pool. With <see cref="DatabaseAccess.Existing"/> a database without a Vigil schema is
    /// refused, not created; once migrated, it has one.
    /// </summary>
    /// <exception cref="FileNotFoundException">With <see cref="DatabaseAccess.Existing"/>, no Vigil schema.</exception>
    public async Task EnsureMigratedAsync(DatabaseAccess access, TimeProvider time, string description, CancellationToken ct)
    {
        if (Volatile.Read(ref _migrated)) return;
        await _migrating.WaitAsync(ct);
        try
        {
            if (_migrated) return;
            if (access == DatabaseAccess.Existing && await PostgresMigrations.SchemaVersionAsync(Source, ct) == 0)
                throw new FileNotFoundException($"{description}: holds no Vigil database (create one with vigil ingest).");
            await PostgresMigrations.MigrateAsync(Source, time, ct);
            Volatile.Write(ref _migrated, true);
        }
        finally
        {
            _migrating.Release();
        }
    }
}
