using Npgsql;
using Vigil.Postgres;
using Vigil.Tests.Support;

namespace Vigil.Tests.Postgres;

/// <summary>
/// A schema of its own in the test PostgreSQL (<c>VIGIL_TEST_POSTGRES</c>) for one test, so tests running in parallel
/// never see each other's tables; dropped with everything in it when disposed.
/// </summary>
internal sealed class PostgresTestSchema : IAsyncDisposable
{
    private PostgresTestSchema(string name, NpgsqlDataSource source, string connectionString)
    {
        Name = name;
        Source = source;
        ConnectionString = connectionString;
    }

    public string Name { get; }

    /// <summary>Connections whose search path is this schema alone.</summary>
    public NpgsqlDataSource Source { get; }

    /// <summary>An Npgsql connection string (password included) whose search path is this schema.</summary>
    public string ConnectionString { get; }

    /// <summary>The schema as a <c>postgresql://</c> URL, the form an operator types.</summary>
    public string Url
    {
        get
        {
            var b = new NpgsqlConnectionStringBuilder(ConnectionString);
            return $"postgresql://{Uri.EscapeDataString(b.Username!)}:{Uri.EscapeDataString(b.Password!)}@{b.Host}:{b.Port}/" +
                   $"{Uri.EscapeDataString(b.Database!)}?search_path={Name}";
        }
    }

    public static PostgresTestSchema Create()
    {
        var name = "test_" + Guid.NewGuid().ToString("N");
        var builder = PostgresLocation.Parse(Services.Postgres);
        Execute(builder.ConnectionString, $"CREATE SCHEMA {name}");
        builder.SearchPath = name;
        return new PostgresTestSchema(name, NpgsqlDataSource.Create(builder), builder.ConnectionString);
    }

    /// <summary>Another data source on the same schema: its own pool, as another process would have.</summary>
    public NpgsqlDataSource NewSource() => NpgsqlDataSource.Create(ConnectionString);

    public async ValueTask DisposeAsync()
    {
        await Source.DisposeAsync();
        var builder = PostgresLocation.Parse(Services.Postgres);
        Execute(builder.ConnectionString, $"DROP SCHEMA {Name} CASCADE");
    }

    private static void Execute(string connectionString, string sql)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
