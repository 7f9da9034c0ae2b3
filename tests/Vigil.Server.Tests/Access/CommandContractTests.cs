using System.Net;
using System.Text.Json;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Access;

/// <summary>The contract, through the real command: what scripts and operators rely on.</summary>
public sealed class CommandContractTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("vigil-contract-").FullName;

    private string Db => Path.Combine(_dir, "vigil.db");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task KeysCreatePrintsTheKeyAloneOnTheLastLineAndServeAcceptsItUntilRevoked()
    {
        var (exit, stdout, _) = await VigilProcess.RunAsync("keys", "create", "--role", "admin", "--name", "ops", "--db", Db);
        Assert.Equal(0, exit);
        var key = stdout.TrimEnd('\n', '\r').Split('\n')[^1];
        Assert.StartsWith("vgl_", key);
        Assert.DoesNotContain(' ', key);

        await using (var server = await VigilProcess.ServeAsync(Db))
        {
            using var http = new HttpClient { BaseAddress = server.BaseAddress };
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health")).StatusCode);
            var openApi = JsonDocument.Parse(await http.GetStringAsync("/openapi/v1.json"));
            Assert.StartsWith("3.", openApi.RootElement.GetProperty("openapi").GetString());
            Assert.True(openApi.RootElement.GetProperty("paths").TryGetProperty("/api/v1/keys", out _));

            Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/api/v1/keys")).StatusCode);
            http.DefaultRequestHeaders.Authorization = new("Bearer", key);
            Assert.Contains("\"ops\"", await http.GetStringAsync("/api/v1/keys"));
        }

        var listed = await VigilProcess.RunAsync("keys", "list", "--db", Db);
        Assert.Equal(0, listed.ExitCode);
        Assert.Contains("ops", listed.Stdout);
        Assert.DoesNotContain(key[^20..], listed.Stdout);
        Assert.Equal(0, (await VigilProcess.RunAsync("keys", "revoke", "ops", "--db", Db)).ExitCode);
        Assert.Equal(2, (await VigilProcess.RunAsync("keys", "revoke", "ops", "--db", Db)).ExitCode);

        await using (var server = await VigilProcess.ServeAsync(Db))
        {
            using var http = new HttpClient { BaseAddress = server.BaseAddress };
            http.DefaultRequestHeaders.Authorization = new("Bearer", key);
            Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/api/v1/keys")).StatusCode);
        }
    }

    [Fact]
    public async Task ServeRefusesAPolicyFileThatDoesNotLoad()
    {
        var policy = Path.Combine(_dir, "policy.yaml");
        await File.WriteAllTextAsync(policy, "version: broken\nrules: [\n");
        var (exit, _, stderr) = await VigilProcess.RunAsync("serve", "--db", Db, "--policy", policy, "--urls", "http://127.0.0.1:0");
        Assert.Equal(2, exit);
        Assert.Contains("policy.yaml", stderr);
    }

    [Fact]
    public async Task AnUnknownRoleIsAUsageError()
    {
        var (exit, _, stderr) = await VigilProcess.RunAsync("keys", "create", "--role", "superuser", "--db", Db);
        Assert.Equal(2, exit);
        Assert.Contains("superuser", stderr);
        Assert.False(File.Exists(Db));
    }
}
