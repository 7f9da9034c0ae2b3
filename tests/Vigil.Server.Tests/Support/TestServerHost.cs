using System.Collections.Concurrent;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Vigil.Server.Access;

namespace Vigil.Server.Tests.Support;

/// <summary>
/// The real app (<see cref="VigilServer.Build"/>) over an in-memory server, on a fresh database with one key per role.
/// Every log line the app writes is kept, so tests can check what never reaches the logs.
/// </summary>
public sealed class TestServerHost : IAsyncDisposable
{
    private readonly string _dir;
    private readonly WebApplication _app;
    private readonly Dictionary<string, string> _tokens = new(StringComparer.Ordinal);

    private TestServerHost(WebApplication app, string dir, CapturedLogs logs)
    {
        _app = app;
        _dir = dir;
        Logs = logs;
    }

    internal CapturedLogs Logs { get; }
    internal IServiceProvider Services => _app.Services;
    internal TestServer Server => _app.GetTestServer();
    internal string DatabasePath => Path.Combine(_dir, "vigil.db");

    internal static async Task<TestServerHost> StartAsync(Func<ServerOptions, ServerOptions>? adjust = null)
    {
        var dir = Path.Combine(Path.GetTempPath(), "vigil-server-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var options = new ServerOptions { DatabasePath = Path.Combine(dir, "vigil.db"), RequestsPerSecond = 10_000 };
        options = adjust?.Invoke(options) ?? options;
        var logs = new CapturedLogs();
        var app = VigilServer.Build(options, builder =>
        {
            builder.WebHost.UseTestServer();
            builder.Logging.AddProvider(logs);
        });
        await app.StartAsync();
        var host = new TestServerHost(app, dir, logs);
        var store = app.Services.GetRequiredService<ApiKeyStore>();
        foreach (var role in Enum.GetValues<Role>())
        {
            var (_, token) = await store.CreateAsync(Roles.Name(role), role, null);
            host._tokens[Roles.Name(role)] = token.ToString();
        }
        return host;
    }

    /// <summary>The token of the key created for <paramref name="role"/> (named after it).</summary>
    internal string Token(string role) => _tokens[role];

    internal HttpClient Client(string? role = null)
    {
        var client = _app.GetTestClient();
        if (role is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token(role));
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, recursive: true); }
        catch (IOException) { /* a leftover temp folder is harmless */ }
    }
}

/// <summary>Every log message and every structured value the app logged, formatted, for "never logged" checks.</summary>
internal sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyCollection<string> Lines => _lines;

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

    public void Dispose() { }

    private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}")) : "";
            lines.Enqueue($"{category} {logLevel} {formatter(state, exception)} {values} {exception}");
        }
    }
}
