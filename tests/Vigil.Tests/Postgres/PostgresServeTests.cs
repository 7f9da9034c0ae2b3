using System.Diagnostics;
using System.Net;
using System.Text;
using Npgsql;
using Vigil.Postgres;
using Vigil.Tests.Cli;
using Vigil.Tests.Support;

namespace Vigil.Tests.Postgres;

/// <summary>
/// <c>vigil keys</c> and <c>vigil serve</c> on <c>--db postgresql://…</c>, through the real command as an operator runs
/// it: a key created on the command line is accepted by a server on the same database, and the password of the URL
/// never reaches the output.
/// </summary>
public sealed class PostgresServeTests() : PostgresCommandTest("vigil-pg-serve-")
{
    /// <summary>The system picks the port, so no other process on the machine can take it first (the server says which).</summary>
    private const string AnyLoopbackPort = "http://127.0.0.1:0";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    [PostgresFact]
    public async Task Keys_created_on_the_command_line_open_a_server_on_the_same_database()
    {
        var url = Schema.Url;
        var password = new NpgsqlConnectionStringBuilder(Schema.ConnectionString).Password!;

        var created = VigilProcess.Run(Folder, "keys", "create", "--role", "admin", "--name", "ops", "--db", url);
        Assert.True(created.Exit == 0, created.Stderr);
        var token = created.Stdout.TrimEnd('\n', '\r').Split('\n')[^1];
        Assert.StartsWith("vgl_", token);

        using (var server = VigilProcess.Start(Folder, "serve", "--db", url, "--urls", AnyLoopbackPort))
        {
            using var http = await ReadyClientAsync(server);
            Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/api/v1/keys")).StatusCode);
            http.DefaultRequestHeaders.Authorization = new("Bearer", token);
            Assert.Contains("\"ops\"", await http.GetStringAsync("/api/v1/keys"));
            Assert.Contains("\"intact\":true", await http.GetStringAsync("/api/v1/log/verify"));
            server.Terminate();
            var (_, stdout, stderr) = server.WaitForExit(TimeSpan.FromSeconds(30));
            Assert.DoesNotContain(password, stdout + stderr);
        }

        Assert.Equal(0, VigilProcess.Run(Folder, "keys", "revoke", "ops", "--db", url).Exit);
        var listed = VigilProcess.Run(Folder, "keys", "list", "--db", url);
        Assert.Equal(0, listed.Exit);
        Assert.Contains("0 live, 1 revoked", listed.Stdout);
        Assert.DoesNotContain(token[^20..], listed.Stdout);

        // The labeler's issued labels are kept in a SQLite file only so far: refused, named, without the password.
        var labeler = VigilProcess.Run(Folder, "serve", "--db", url, "--labeler-did", "did:web:labels.example", "--urls", AnyLoopbackPort);
        Assert.Equal(2, labeler.Exit);
        Assert.Contains("SQLite database file only", labeler.Stderr);
        Assert.DoesNotContain(password, labeler.Stderr);
    }

    [PostgresFact]
    public async Task Requests_to_a_server_on_postgres_share_one_pool_of_connections()
    {
        // A database of its own, so that PostgreSQL's count of the sessions opened on it counts this server's alone.
        var admin = PostgresLocation.Parse(Services.Postgres);
        var name = "vigil_pool_" + Guid.NewGuid().ToString("N");
        await ExecuteAsync(admin.ConnectionString, $"CREATE DATABASE {name}");
        try
        {
            var url = $"postgresql://{Uri.EscapeDataString(admin.Username!)}:{Uri.EscapeDataString(admin.Password!)}@{admin.Host}:{admin.Port}/{name}";
            var created = VigilProcess.Run(Folder, "keys", "create", "--role", "admin", "--name", "ops", "--db", url);
            Assert.True(created.Exit == 0, created.Stderr);
            var token = created.Stdout.TrimEnd('\n', '\r').Split('\n')[^1];
            var before = await SessionsAsync(admin.ConnectionString, name);

            const int rounds = 6;
            using (var server = VigilProcess.Start(Folder, "serve", "--db", url, "--urls", AnyLoopbackPort))
            {
                using var http = await ReadyClientAsync(server);
                http.DefaultRequestHeaders.Authorization = new("Bearer", token);
                // Every endpoint that used to open the database (and its own pool) per request.
                for (var round = 0; round < rounds; round++)
                {
                    var ingest = await http.PostAsync("/api/v1/ingest?format=vigil", new StringContent(
                        $$"""{"kind":"account","v":1,"id":"u{{round}}","handle":"h{{round}}","created_at":"2020-05-01T10:00:00.000Z"}""" + "\n",
                        Encoding.UTF8, "application/x-ndjson"));
                    Assert.Equal(HttpStatusCode.OK, ingest.StatusCode);
                    foreach (var path in new[] { "/api/v1/log/head", "/api/v1/log/verify", "/api/v1/log/events", "/api/v1/exports/decisions.csv", "/api/v1/exports/dsa" })
                    {
                        var response = await http.GetAsync(path);
                        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound, $"{path}: {response.StatusCode}");
                    }
                }
                server.Terminate();
                server.WaitForExit(TimeSpan.FromSeconds(30));
            }

            // A backend reports its session when it ends; the server's have ended with it.
            await Task.Delay(1_000);
            var sessions = await SessionsAsync(admin.ConnectionString, name) - before;
            Assert.True(sessions is > 0 and < rounds, $"{rounds * 6} requests opened {sessions} PostgreSQL sessions");
        }
        finally
        {
            await ExecuteAsync(admin.ConnectionString, $"DROP DATABASE {name} WITH (FORCE)");
        }
    }

    /// <summary>The sessions PostgreSQL has counted on database <paramref name="name"/> so far (its cumulative statistics).</summary>
    private static async Task<long> SessionsAsync(string connectionString, string name)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT coalesce(sum(sessions), 0)::bigint FROM pg_stat_database WHERE datname = $1", connection);
        command.Parameters.AddWithValue(name);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>A client for the server once <c>/health</c> says ready, at the address the server announced.</summary>
    private static async Task<HttpClient> ReadyClientAsync(VigilProcess.Running server)
    {
        var waited = Stopwatch.StartNew();
        var http = new HttpClient { BaseAddress = await server.ListeningAsync(StartTimeout) };
        while (waited.Elapsed < StartTimeout)
        {
            if (server.Process.HasExited) Assert.Fail("vigil serve exited: " + server.WaitForExit(TimeSpan.FromSeconds(1)).Stderr);
            try
            {
                if ((await http.GetAsync("/health")).StatusCode == HttpStatusCode.OK) return http;
            }
            catch (HttpRequestException)
            {
                // Not accepting yet.
            }
            await Task.Delay(200);
        }
        http.Dispose();
        throw new TimeoutException($"vigil serve on PostgreSQL was not ready within {StartTimeout.TotalSeconds:0} s.");
    }
}
