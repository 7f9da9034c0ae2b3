using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;
using Vigil.Tests.Cli;
using Vigil.Tests.Support;

namespace Vigil.Tests.Postgres;

/// <summary>
/// <c>vigil keys</c> and <c>vigil serve</c> on <c>--db postgresql://…</c>, through the real command as an operator runs
/// it: a key created on the command line is accepted by a server on the same database, and the password of the URL
/// never reaches the output.
/// </summary>
public sealed class PostgresServeTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("vigil-pg-serve-").FullName;
    private PostgresTestSchema? _schema;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_schema is not null) await _schema.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [PostgresFact]
    public async Task Keys_created_on_the_command_line_open_a_server_on_the_same_database()
    {
        _schema = PostgresTestSchema.Create();
        var url = _schema.Url;
        var password = new NpgsqlConnectionStringBuilder(_schema.ConnectionString).Password!;

        var created = VigilProcess.Run(_folder, "keys", "create", "--role", "admin", "--name", "ops", "--db", url);
        Assert.True(created.Exit == 0, created.Stderr);
        var token = created.Stdout.TrimEnd('\n', '\r').Split('\n')[^1];
        Assert.StartsWith("vgl_", token);

        var port = FreeLoopbackPort();
        using (var server = VigilProcess.Start(_folder, "serve", "--db", url, "--urls", $"http://127.0.0.1:{port}"))
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            await WaitUntilReadyAsync(http, server);
            Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/api/v1/keys")).StatusCode);
            http.DefaultRequestHeaders.Authorization = new("Bearer", token);
            Assert.Contains("\"ops\"", await http.GetStringAsync("/api/v1/keys"));
            Assert.Contains("\"intact\":true", await http.GetStringAsync("/api/v1/log/verify"));
            server.Terminate();
            var (_, stdout, stderr) = server.WaitForExit(TimeSpan.FromSeconds(30));
            Assert.DoesNotContain(password, stdout + stderr);
        }

        Assert.Equal(0, VigilProcess.Run(_folder, "keys", "revoke", "ops", "--db", url).Exit);
        var listed = VigilProcess.Run(_folder, "keys", "list", "--db", url);
        Assert.Equal(0, listed.Exit);
        Assert.Contains("0 live, 1 revoked", listed.Stdout);
        Assert.DoesNotContain(token[^20..], listed.Stdout);

        // The labeler's issued labels are kept in a SQLite file only so far: refused, named, without the password.
        var labeler = VigilProcess.Run(_folder, "serve", "--db", url, "--labeler-did", "did:web:labels.example", "--urls", $"http://127.0.0.1:{port}");
        Assert.Equal(2, labeler.Exit);
        Assert.Contains("SQLite database file only", labeler.Stderr);
        Assert.DoesNotContain(password, labeler.Stderr);
    }

    private static async Task WaitUntilReadyAsync(HttpClient http, VigilProcess.Running server)
    {
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(90))
        {
            if (server.Process.HasExited) Assert.Fail("vigil serve exited: " + server.WaitForExit(TimeSpan.FromSeconds(1)).Stderr);
            try
            {
                if ((await http.GetAsync("/health")).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(200);
        }
        throw new TimeoutException("vigil serve on PostgreSQL was not ready within 90 s.");
    }

    private static int FreeLoopbackPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
