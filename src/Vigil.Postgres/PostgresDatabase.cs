using Npgsql;
using Vigil.DecisionLog;
using Vigil.Storage;

namespace Vigil.Postgres;

/// <summary>
/// One PostgreSQL database (or one schema of it: the first of the search path) holding a Vigil store and its decision
/// log: the data source their connections come from (one per connection string in the process, shared by every
/// database opened on it: <see cref="PostgresPool"/>), and the one place the schema is migrated. The first call to
/// <see cref="OpenStoreAsync"/> or <see cref="OpenLogAsync"/> connects and migrates (once per process and connection
/// string); failures to do so name the database (password masked) and are <see cref="IOException"/>s, as SQLite's are.
/// </summary>
public sealed class PostgresDatabase : IBackendDatabase
{
    private readonly PostgresPool _pool;
    private readonly DatabaseAccess _access;
    private readonly TimeProvider _time;
    private int _disposed;

    /// <param name="location">A <c>postgresql://</c> URL or an Npgsql connection string (<see cref="PostgresLocation"/>).</param>
    /// <exception cref="FormatException">The location cannot be read.</exception>
    public PostgresDatabase(string location, DatabaseAccess access = DatabaseAccess.CreateIfMissing, TimeProvider? time = null)
    {
        Description = PostgresLocation.Describe(location);
        var builder = PostgresLocation.Parse(location);
        // Enough for ingest's writer, a stage's reader and a server's concurrent requests; workers are separate processes.
        if (!builder.ContainsKey("Maximum Pool Size")) builder.MaxPoolSize = 20;
        _pool = PostgresPool.Lease(builder.ConnectionString);
        _access = access;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>The location with its password masked.</summary>
    public string Description { get; }

    internal NpgsqlDataSource Source => _pool.Source;

    public async Task<IVigilStore> OpenStoreAsync(CancellationToken ct)
    {
        await EnsureMigratedAsync(ct);
        return new PostgresStore(Source, _time);
    }

    public async Task<IDecisionLog> OpenLogAsync(CancellationToken ct)
    {
        await EnsureMigratedAsync(ct);
        return new PostgresDecisionLog(Source);
    }

    public async Task<System.Data.Common.DbConnection> OpenConnectionAsync(CancellationToken ct)
    {
        await EnsureMigratedAsync(ct);
        try
        {
            return await Source.OpenConnectionAsync(ct);
        }
        catch (NpgsqlException e) when (!ct.IsCancellationRequested)
        {
            throw new IOException($"{Description}: cannot open the database: {e.Message}", e);
        }
    }

    private async Task EnsureMigratedAsync(CancellationToken ct)
    {
        try
        {
            await _pool.EnsureMigratedAsync(_access, _time, Description, ct);
        }
        catch (NpgsqlException e) when (!ct.IsCancellationRequested)
        {
            throw new IOException($"{Description}: cannot open the database: {e.Message}", e);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0) await _pool.ReleaseAsync();
    }
}
