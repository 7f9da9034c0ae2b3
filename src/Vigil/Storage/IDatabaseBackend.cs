using Vigil.DecisionLog;

namespace Vigil.Storage;

/// <summary>
/// A kind of database a <c>--db</c> value can name besides a SQLite file (PostgreSQL: <c>Vigil.Postgres</c>). The engine
/// knows none by name and depends on no driver: a host registers the backends it ships with
/// <see cref="VigilDatabase.Register"/>, and <see cref="VigilDatabase.Open"/> asks each whether a value is its own.
/// </summary>
public interface IDatabaseBackend
{
    /// <summary>Whether <paramref name="location"/> is this backend's, judged by its form alone (nothing is opened).</summary>
    bool Recognises(string location);

    /// <summary>The location as messages and tables show it: any password masked.</summary>
    string Describe(string location);

    /// <summary>Prepares to open <paramref name="location"/>; nothing is connected until the store or the log is asked for.</summary>
    /// <exception cref="FormatException">The location is malformed (named without its password).</exception>
    IBackendDatabase Open(string location, DatabaseAccess access);
}

/// <summary>One database of a backend: the store and the decision log it opens share its connections, and it outlives both.</summary>
public interface IBackendDatabase : IAsyncDisposable
{
    /// <summary>The store, schema migrated.</summary>
    /// <exception cref="FileNotFoundException">With <see cref="DatabaseAccess.Existing"/>, the database holds no Vigil schema.</exception>
    /// <exception cref="IOException">The database cannot be reached or migrated.</exception>
    Task<IVigilStore> OpenStoreAsync(CancellationToken ct);

    /// <summary>The decision log, schema migrated; fails as <see cref="OpenStoreAsync"/> does.</summary>
    Task<IDecisionLog> OpenLogAsync(CancellationToken ct);

    /// <summary>An open connection, schema migrated, for tables a host keeps (<see cref="VigilDatabase.OpenConnectionAsync"/>).</summary>
    Task<System.Data.Common.DbConnection> OpenConnectionAsync(CancellationToken ct);
}
