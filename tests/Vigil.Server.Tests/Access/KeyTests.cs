using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Server.Access;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Access;

public sealed class KeyTests : IAsyncLifetime
{
    private TestServerHost _host = null!;

    public async Task InitializeAsync() => _host = await TestServerHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task TheKeyIsAcceptedInEachPlaceClientsPutIt()
    {
        var token = _host.Token(Roles.Admin);
        using var client = _host.Client();
        foreach (var (header, value, query) in new[]
                 {
                     ("Authorization", $"Bearer {token}", ""),
                     ("X-Api-Key", token, ""),
                     ("X-Goog-Api-Key", token, ""),
                     ("", "", $"?key={Uri.EscapeDataString(token)}"),
                 })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/keys" + query);
            if (header != "") request.Headers.TryAddWithoutValidation(header, value);
            using var response = await client.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{header}{query}: {response.StatusCode}");
        }
    }

    [Theory]
    [InlineData("not-a-key")]
    [InlineData("vgl_000000000000_secret")]
    public async Task AMalformedOrUnknownKeyIs401(string token)
    {
        using var client = _host.Client();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        using var response = await client.GetAsync("/api/v1/keys");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task TheRightIdWithAWrongSecretIs401()
    {
        var token = _host.Token(Roles.Admin);
        var forged = token[..^4] + (token.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");
        using var client = _host.Client();
        client.DefaultRequestHeaders.Authorization = new("Bearer", forged);
        using var response = await client.GetAsync("/api/v1/keys");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task AKeyCreatedThroughTheApiWorksAndStopsWorkingOnceRevoked()
    {
        using var admin = _host.Client(Roles.Admin);
        using var created = await admin.PostAsJsonAsync("/api/v1/keys", new { name = "ops", role = "triage" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        var token = body.GetProperty("token").GetString()!;
        Assert.Equal("triage", body.GetProperty("key").GetProperty("role").GetString());

        using var triage = _host.Client();
        triage.DefaultRequestHeaders.Authorization = new("Bearer", token);
        Assert.Equal(HttpStatusCode.Forbidden, (await triage.GetAsync("/api/v1/keys")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync("/api/v1/keys/ops")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await triage.GetAsync("/api/v1/keys")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync("/api/v1/keys/ops")).StatusCode);
    }

    [Fact]
    public async Task OnlyAHashOfTheSecretIsStoredAndListingsNeverShowIt()
    {
        var token = _host.Token(Roles.Client);
        Assert.True(KeyToken.TryParse(token, out var parsed));
        var stored = await _host.Services.GetRequiredService<ApiKeyStore>().FindAsync(parsed.Id);
        Assert.NotNull(stored);
        Assert.Equal(parsed.SecretHash(), stored.Value.SecretHash);
        Assert.DoesNotContain(parsed.Secret, System.Text.Encoding.UTF8.GetString(await File.ReadAllBytesAsync(_host.DatabasePath)));

        using var admin = _host.Client(Roles.Admin);
        var listing = await admin.GetStringAsync("/api/v1/keys");
        Assert.Contains(parsed.Id, listing);
        Assert.DoesNotContain(parsed.Secret, listing);
    }

    [Fact]
    public async Task NeitherKeysNorQueryStringsReachTheLogs()
    {
        var token = _host.Token(Roles.Admin);
        using var client = _host.Client();
        await client.GetAsync($"/api/v1/keys?key={Uri.EscapeDataString(token)}");
        await client.GetAsync("/api/v1/keys?key=vgl_123456789abc_guessed-secret");
        Assert.Contains(_host.Logs.Lines, line => line.Contains("/api/v1/keys", StringComparison.Ordinal));
        Assert.DoesNotContain(_host.Logs.Lines, line => line.Contains(token[4..], StringComparison.Ordinal));
        Assert.DoesNotContain(_host.Logs.Lines, line => line.Contains("guessed-secret", StringComparison.Ordinal));
    }
}
