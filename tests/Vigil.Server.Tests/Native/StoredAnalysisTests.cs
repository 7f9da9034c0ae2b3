using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Amplification;
using Vigil.Detection;
using Vigil.Model;
using Vigil.Server.Access;
using Vigil.Server.Tests.Support;
using Vigil.Storage;

namespace Vigil.Server.Tests.Native;

/// <summary>
/// What the store holds, through the native API: the posts list (filters, cursor), and an account's and a cluster's view
/// from the latest analysis run rather than from figures copied into decision payloads.
/// </summary>
public sealed class StoredAnalysisTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);
    private TestServerHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await TestServerHost.StartAsync();
        var modelVersion = _host.Services.GetRequiredService<Vigil.Detection.Cascade.CascadeDetector>().ModelVersion;
        await using var database = VigilDatabase.Open(_host.DatabasePath, DatabaseAccess.CreateIfMissing);
        var store = await database.StoreAsync();
        await store.AddAccountsAsync([new Account { Id = "a1", Handle = "anna83920471" }, new Account { Id = "a2", Handle = "ben" }]);
        // p01..p12: a1 writes the odd ones, a2 the even ones, an hour apart; every third is antisemitic, p12 is not assessed.
        await store.AddPostsAsync(Enumerable.Range(1, 12).Select(i => new Post
        {
            Id = $"p{i:00}", AuthorId = i % 2 == 1 ? "a1" : "a2", CreatedAt = Start.AddHours(i), Text = $"text {i}",
        }).ToList());
        await store.SaveAssessmentsAsync(Enumerable.Range(1, 11).Select(i => new Assessment
        {
            PostId = $"p{i:00}", Antisemitic = i % 3 == 0, PAntisemitic = i % 3 == 0 ? 0.9 : 0.1, Hateful = i % 3 == 0, PHateful = 0.5,
            Label = TaxonomyTable.Default.Label(i % 3 == 0 ? ContentCode.DualLoyalty : ContentCode.None, Target.JewsCollective, Explicitness.Explicit),
            ModelVersion = modelVersion, TaxonomyVersion = TaxonomyTable.Default.Version,
        }).ToList());
        // An older run that would say otherwise, then the latest one.
        await store.SaveAmplifierResultsAsync(new AmplifierResults(new AnalysisKey(modelVersion, "bots-old", "s"),
            [new StoredBotScore("a1", 0.10, false, "account 3,000 days old (towards person)")], [], [], []));
        await Task.Delay(5);
        await store.SaveAmplifierResultsAsync(new AmplifierResults(new AnalysisKey(modelVersion, "bots-new", "s"),
            [new StoredBotScore("a1", 0.93, true, "a run of 8 digits in the handle (towards bot); posts at regular intervals (towards bot)")],
            [new StoredCluster(7, ["a1", "a9"], [new StoredCoAction("co-retweet", 40, 1)], 40, 40, 1, 0, 60)], [], []));
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task AnAccountShowsTheLatestRunsBotScoreWithItsReasonsInWords()
    {
        var bot = (await Get("/api/v1/accounts/a1")).GetProperty("bot");
        Assert.Equal(0.93, bot.GetProperty("score").GetDouble());
        Assert.True(bot.GetProperty("isBot").GetBoolean());
        Assert.Equal(["a run of 8 digits in the handle (towards bot)", "posts at regular intervals (towards bot)"],
            bot.GetProperty("topFeatures").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal("cluster-7", bot.GetProperty("cluster").GetString());
        Assert.Equal("bots-new", bot.GetProperty("botModelVersion").GetString());

        // An account the run did not score still answers, without a bot analysis.
        Assert.Equal(JsonValueKind.Null, (await Get("/api/v1/accounts/a2")).GetProperty("bot").ValueKind);
    }

    [Fact]
    public async Task AClusterShowsItsStoredMembersAndKinds()
    {
        var cluster = await Get("/api/v1/clusters/cluster-7");
        Assert.Equal(["a1", "a9"], cluster.GetProperty("members").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal("co-retweet", cluster.GetProperty("kinds")[0].GetProperty("kind").GetString());
        using var client = _host.Client(Roles.Triage);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/clusters/cluster-8")).StatusCode);
    }

    [Fact]
    public async Task PostsArePagedByCursorAndFilteredByAccountTimeAndVerdict()
    {
        // Every post once, three pages of five, in id order.
        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var page = await Get("/api/v1/posts?limit=5" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)));
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("id").GetString()!));
            cursor = page.GetProperty("nextCursor").GetString();
        } while (cursor is not null);
        Assert.Equal(Enumerable.Range(1, 12).Select(i => $"p{i:00}"), seen);

        Assert.Equal(["p03", "p09"], await Ids("?account=a1&verdict=antisemitic"));
        Assert.Equal(["p12"], await Ids("?verdict=unassessed"));
        var since = Uri.EscapeDataString(Start.AddHours(4).ToString("O"));
        var until = Uri.EscapeDataString(Start.AddHours(7).ToString("O"));
        Assert.Equal(["p04", "p05", "p06"], await Ids($"?since={since}&until={until}"));

        var first = (await Get("/api/v1/posts?verdict=antisemitic")).GetProperty("items")[0];
        Assert.Equal("antisemitic", first.GetProperty("verdict").GetString());
        Assert.Equal("dual-loyalty", first.GetProperty("code").GetString());

        using var client = _host.Client(Roles.Triage);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/v1/posts?verdict=spicy")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/v1/posts?limit=0")).StatusCode);
    }

    private async Task<string[]> Ids(string query) =>
        (await Get("/api/v1/posts" + query)).GetProperty("items").EnumerateArray().Select(p => p.GetProperty("id").GetString()!).ToArray();

    private async Task<JsonElement> Get(string path)
    {
        using var client = _host.Client(Roles.Triage);
        using var response = await client.GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
