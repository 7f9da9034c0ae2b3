using Vigil.Storage;

namespace Vigil.Postgres;

/// <summary>
/// PostgreSQL as a <c>--db</c> backend: recognises <c>postgresql://</c> and <c>postgres://</c> URLs and Npgsql
/// connection strings naming a <c>Host</c>. Hosts register it once at start-up:
/// <c>VigilDatabase.Register(PostgresBackend.Instance)</c>.
/// </summary>
public sealed class PostgresBackend : IDatabaseBackend
{
    public static readonly PostgresBackend Instance = new();

    private PostgresBackend()
    {
    }

    public bool Recognises(string location) => PostgresLocation.Recognises(location);

    public string Describe(string location) => PostgresLocation.Describe(location);

    public IBackendDatabase Open(string location, DatabaseAccess access) => new PostgresDatabase(location, access);
}
