using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Vigil.Server.Access;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Access;

public sealed class LimitTests
{
    [Fact]
    public async Task AKeyOverItsRateGets429WithRetryAfterAndOtherKeysAreUnaffected()
    {
        await using var host = await TestServerHost.StartAsync();
        using var admin = host.Client(Roles.Admin);
        var created = await (await admin.PostAsJsonAsync("/api/v1/keys", new { name = "slow", role = "admin", requestsPerSecond = 1 }))
            .Content.ReadFromJsonAsync<JsonElement>();
        using var slow = host.Client();
        slow.DefaultRequestHeaders.Authorization = new("Bearer", created.GetProperty("token").GetString());

        // Thirty at once on a 1/s key: all could pass only if they took 29 s, so some are refused even on a busy machine.
        var responses = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => slow.GetAsync("/api/v1/keys")));
        Assert.Contains(responses, r => r.StatusCode == HttpStatusCode.OK);
        var refused = responses.FirstOrDefault(r => r.StatusCode == HttpStatusCode.TooManyRequests);
        Assert.NotNull(refused);
        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.OK or HttpStatusCode.TooManyRequests, r.StatusCode.ToString()));
        Assert.True(refused.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(429, problem.GetProperty("status").GetInt32());
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/v1/keys")).StatusCode);
    }

    [Fact]
    public async Task ABodyOverTheBoundIs413BeforeItIsRead()
    {
        await using var host = await TestServerHost.StartAsync(o => o with { MaxRequestBytes = 1000 });
        using var admin = host.Client(Roles.Admin);
        var name = new string('x', 2000);
        using var response = await admin.PostAsync("/api/v1/keys",
            new StringContent(JsonSerializer.Serialize(new { name, role = "client" }), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        using var small = await admin.PostAsJsonAsync("/api/v1/keys", new { name = "fits", role = "client" });
        Assert.Equal(HttpStatusCode.Created, small.StatusCode);
    }
}
