using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Vigil.Server.Access;
using Vigil.Server.Tests.Dashboard;
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
    public async Task ADashboardSessionIsLimitedByItsKeyNotByTheClientAddress()
    {
        // Everyone here shares one address (the in-memory server has none), which may send 2 requests a second without a key.
        await using var host = await TestServerHost.StartAsync(o => o with { AnonymousRequestsPerSecond = 2 });
        using var admin = host.Client(Roles.Admin);
        var slowKey = await (await admin.PostAsJsonAsync("/api/v1/keys", new { name = "slow", role = "triage", requestsPerSecond = 1 }))
            .Content.ReadFromJsonAsync<JsonElement>();

        using var fast = new DashboardClient(host);
        Assert.Equal(HttpStatusCode.Redirect, (await fast.LogInAsync(host.Token(Roles.Moderator))).StatusCode);
        // Past the address's budget, a session on a key with room to spare keeps going...
        for (var i = 0; i < 10; i++) Assert.Equal(HttpStatusCode.OK, (await fast.Http.GetAsync("/dashboard/queue")).StatusCode);

        // ...and a session on a 1/s key is held to its key's rate.
        await Task.Delay(TimeSpan.FromSeconds(2));
        using var slow = new DashboardClient(host);
        Assert.Equal(HttpStatusCode.Redirect, (await slow.LogInAsync(slowKey.GetProperty("token").GetString()!)).StatusCode);
        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => slow.Http.GetAsync("/dashboard/queue")));
        Assert.Contains(responses, r => r.StatusCode == HttpStatusCode.TooManyRequests);
        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.OK or HttpStatusCode.TooManyRequests, r.StatusCode.ToString()));
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
