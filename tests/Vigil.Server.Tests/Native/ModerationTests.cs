using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Vigil.Model;
using Vigil.Server.Access;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Native;

public sealed class ModerationTests : IAsyncLifetime
{
    private TestServerHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await TestServerHost.StartAsync();
        // Calls to violence: the default policy proposes removal, which only a human may approve.
        await SeededDecisions.ApplyAsync(_host.DatabasePath, 4, code: ContentCode.IncitementViolence);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task AReviewerWorksTheQueueAndTheLogRecordsEachStep()
    {
        var queue = await Get(Roles.Triage, "/api/v1/queue");
        var items = queue.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(4, items.Count);
        var harms = items.Select(i => i.GetProperty("request").GetProperty("expectedHarm").GetDouble()).ToList();
        Assert.Equal(harms.OrderDescending(), harms);
        var last = items[^1].GetProperty("request").GetProperty("id").GetString()!;

        // Triage escalates the last one: it moves to the front.
        await Post(Roles.Triage, $"/api/v1/queue/{Uri.EscapeDataString(last)}/escalation", new { note = "looks urgent" }, HttpStatusCode.OK);
        var first = (await Get(Roles.Triage, "/api/v1/queue")).GetProperty("items")[0].GetProperty("request");
        Assert.Equal(last, first.GetProperty("id").GetString());
        Assert.Equal("triage", first.GetProperty("escalatedBy").GetString()!.Split(':')[^1]);

        // A moderator approves it; deciding again is refused by the engine (409).
        var decided = await Post(Roles.Moderator, $"/api/v1/queue/{Uri.EscapeDataString(last)}/decision", new { approve = true, note = "violent", label = "agreed-antisemitic" }, HttpStatusCode.OK);
        Assert.Equal(2, decided.GetProperty("eventIds").GetArrayLength());
        await Post(Roles.Moderator, $"/api/v1/queue/{Uri.EscapeDataString(last)}/decision", new { approve = true }, HttpStatusCode.Conflict);
        Assert.Equal(3, (await Get(Roles.Triage, "/api/v1/queue")).GetProperty("items").GetArrayLength());

        var subject = first.GetProperty("subject").GetString()!;
        var post = await Get(Roles.Triage, "/api/v1/posts/" + subject.Split(':')[1]);
        Assert.Contains("remove", post.GetProperty("inEffect").GetString());
        Assert.Contains(post.GetProperty("reviews").EnumerateArray(), r => r.GetProperty("status").GetString() == "approved");

        var events = await Get(Roles.Triage, "/api/v1/log/events?subject=" + Uri.EscapeDataString(subject));
        Assert.Contains(events.GetProperty("items").EnumerateArray(), e => e.GetProperty("type").GetString() == "escalated");
        Assert.Contains(events.GetProperty("items").EnumerateArray(), e => e.GetProperty("type").GetString() == "labelled");
        Assert.True((await Get(Roles.Triage, "/api/v1/log/verify")).GetProperty("intact").GetBoolean());
    }

    [Fact]
    public async Task AnOverturnedAppealReversesTheDecisionOnTheAccount()
    {
        var account = await Get(Roles.Triage, "/api/v1/accounts/author1");
        var decision = account.GetProperty("decisions").EnumerateArray().First(d => d.GetProperty("kind").GetString() == "decision");
        var id = decision.GetProperty("id").GetString()!;
        await Post(Roles.Triage, $"/api/v1/decisions/{Uri.EscapeDataString(id)}/appeal", new { appellant = "author1", reason = "quoted it" }, HttpStatusCode.OK);
        await Post(Roles.Moderator, $"/api/v1/decisions/{Uri.EscapeDataString(id)}/appeal/resolution", new { overturn = true, note = "quotation" }, HttpStatusCode.OK);
        var after = await Get(Roles.Triage, "/api/v1/accounts/author1");
        var reversed = after.GetProperty("decisions").EnumerateArray().Single(d => d.GetProperty("id").GetString() == id);
        Assert.True(reversed.GetProperty("reversed").GetBoolean());
        Assert.Equal("overturned", reversed.GetProperty("appeal").GetString());

        using var client = _host.Client(Roles.Triage);
        using var missing = await client.GetAsync("/api/v1/accounts/nobody");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
    }

    private async Task<JsonElement> Get(string role, string path)
    {
        using var client = _host.Client(role);
        using var response = await client.GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<JsonElement> Post(string role, string path, object body, HttpStatusCode expected)
    {
        using var client = _host.Client(role);
        using var response = await client.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{path}: {response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
