using Npgsql;
using Vigil.DecisionLog;
using Vigil.Storage;

namespace Vigil.Postgres;

/// <summary>
/// One PostgreSQL database (or one schema of it: the first of the search path) holding a Vigil store and its decision
/// log: the one data source their connections come from, and the one place the schema is migrated. The first call to
/// <see cref="OpenStoreAsync"/> or <see cref="OpenLogAsync"/> connects and migrates; failures to do so name the
/// database (password masked) and are <see cref="IOException"/>s, as SQLite's are.
/// </summary>
public sealed class PostgresDatabase : IBackendDatabase
{
    private readonly NpgsqlDataSource _source;
    private readonly DatabaseAccess _access;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _migrating = new(1, 1);
    private bool _migrated;

    /// <param name="location">A <c>postgresql://</c> URL or an Npgsql connection string (<see cref="PostgresLocation"/>).</param>
    /// <exception cref="FormatException">The location cannot be read.</exception>
    public PostgresDatabase(string location, DatabaseAccess access = DatabaseAccess.CreateIfMissing, TimeProvider? time = null)
    {
        Description = PostgresLocation.Describe(location);
        var builder = PostgresLocation.Parse(location);
        // Enough for ingest's writer, a stage's reader and a server's concurrent requests; workers are separate processes.
        if (!builder.ContainsKey("Maximum Pool Size")) builder.MaxPoolSize = 20;
        _source = NpgsqlDataSource.Create(builder);
        _access = access;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>The location with its password masked.</summary>
    public string Description { get; }

    internal NpgsqlDataSource Source => _source;

    public async Task<IVigilStore> OpenStoreAsync(CancellationToken ct)
    {
        await EnsureMigratedAsync(ct);
        return new PostgresStore(_source, _time);
    }

    public async Task<IDecisionLog> OpenLogAsync(CancellationToken ct)
    {
        await EnsureMigratedAsync(ct);
        return new PostgresDecisionLog(_source);
    }

    public async Task<System.Data.Common.DbConnection> OpenConnectionAsync(CancellationToken ct)
    {
        await EnsureMigratedAsync(ct);
        try
        {
            return await _source.OpenConnectionAsync(ct);
        }
        catch (NpgsqlException e) when (!ct.IsCancellationRequested)
        {
            throw new IOException($"{Description}: cannot open the database: {e.Message}", e);
        }
    }

    private async Task EnsureMigratedAsync(CancellationToken ct)
    {
        if (Volatile.Read(ref _migrated)) return;
        await _migrating.WaitAsync(ct);
        try
        {
            if (_migrated) return;
            if (_access == DatabaseAccess.Existing && await PostgresMigrations.SchemaVersionAsync(_source, ct) == 0)
                throw new FileNotFoundException($"{Description}: holds no Vigil database (create one with vigil ingest).");
            await PostgresMigrations.MigrateAsync(_source, _time, ct);
            _migrated = true;
        }
        catch (NpgsqlException e) when (!ct.IsCancellationRequested)
        {
            throw new IOException($"{Description}: cannot open the database: {e.Message}", e);
        }
        finally
        {
            _migrating.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _source.DisposeAsync();
        _migrating.Dispose();
    }
}
