using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Vigil.Server.Access;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Native;

public sealed class LogAndExportTests : IAsyncLifetime
{
    private TestServerHost _host = null!;

    public async Task InitializeAsync()
    {
        var (pem, key) = SeededDecisions.LabelerKey();
        key.Dispose();
        _host = await TestServerHost.StartAsync(o => o with { LabelerDid = "did:web:labeler.test", SigningKeyPath = pem });
        await SeededDecisions.ApplyAsync(_host.DatabasePath, 7);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task TheHeadIsSignedAndTheChainVerifies()
    {
        var head = await Get("/api/v1/log/head");
        Assert.True(head.GetProperty("sequence").GetInt64() >= 7);
        Assert.Matches("^[0-9a-f]{64}$", head.GetProperty("hash").GetString()!);
        Assert.Contains("BEGIN PUBLIC KEY", head.GetProperty("publicKey").GetString());
        var verify = await Get("/api/v1/log/verify");
        Assert.True(verify.GetProperty("intact").GetBoolean());
        Assert.Equal(head.GetProperty("sequence").GetInt64(), verify.GetProperty("eventsChecked").GetInt64());
    }

    [Fact]
    public async Task EventsPageByCursorThroughTheWholeLogInOrder()
    {
        var total = (await Get("/api/v1/log/head")).GetProperty("sequence").GetInt64();
        var sequences = new List<long>();
        string? cursor = null;
        do
        {
            var page = await Get("/api/v1/log/events?limit=3" + (cursor is null ? "" : "&cursor=" + cursor));
            sequences.AddRange(page.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("sequence").GetInt64()));
            cursor = page.GetProperty("nextCursor").GetString();
        } while (cursor is not null);
        Assert.Equal(Enumerable.Range(1, (int)total).Select(i => (long)i), sequences);

        var one = await Get("/api/v1/log/events?subject=post:p3");
        Assert.NotEmpty(one.GetProperty("items").EnumerateArray());
        Assert.All(one.GetProperty("items").EnumerateArray(), e => Assert.Equal("post:p3", e.GetProperty("subject").GetString()));
        using var client = _host.Client(Roles.Triage);
        using var bad = await client.GetAsync("/api/v1/log/events?limit=0");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ExportsServeTheSameDecisionsInEachFormat()
    {
        var uris = new List<string>();
        string? cursor = null;
        do
        {
            var page = await Get("/api/v1/exports/atproto?limit=3" + (cursor is null ? "" : "&cursor=" + cursor));
            var labels = page.GetProperty("labels").EnumerateArray().ToList();
            Assert.InRange(labels.Count, 1, 3);
            Assert.All(labels, l => Assert.Equal(64, Convert.FromBase64String(Padded(l.GetProperty("sig").GetProperty("$bytes").GetString()!)).Length));
            uris.AddRange(labels.Select(l => l.GetProperty("uri").GetString()!));
            cursor = page.GetProperty("nextCursor").GetString();
        } while (cursor is not null);
        // One label per decided post (and one per account restriction the strikes brought), each once.
        Assert.Equal(Enumerable.Range(1, 7).Select(i => $"p{i}"), uris.Where(u => u.StartsWith("at://", StringComparison.Ordinal)).Select(u => u.Split('/')[^1]).Order());
        Assert.Equal(uris.Count, uris.Distinct().Count());

        using var client = _host.Client(Roles.Triage);
        var csv = await client.GetStringAsync("/api/v1/exports/decisions.csv");
        Assert.Equal(7, csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Count(l => l.Contains(",post:p", StringComparison.Ordinal)));

        using var dsa = await client.GetAsync("/api/v1/exports/dsa");
        // The default policy's first-strike actions may or may not call for statements; either answer is well-formed.
        if (dsa.StatusCode == HttpStatusCode.OK)
        {
            var batch = await dsa.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(0, batch.GetProperty("batch").GetInt32());
            Assert.True(batch.GetProperty("statements").ValueKind is JsonValueKind.Object or JsonValueKind.Array);
        }
        else Assert.Equal(HttpStatusCode.NotFound, dsa.StatusCode);
    }

    [Fact]
    public async Task IngestStoresGoodRecordsAndReportsBadOnesByLineWithoutTheirText()
    {
        const string secret = "zqxj-not-to-be-echoed";
        var body = string.Join('\n',
            """{"kind":"account","v":1,"id":"u1","handle":"alice","created_at":"2020-05-01T10:00:00.000Z"}""",
            """{"kind":"post","v":1,"id":"p1","author_id":"u1","created_at":"2026-03-01T12:00:00.000Z","text":"Tea at four"}""",
            $$"""{"kind":"post","v":1,"author_id":"u1","text":"{{secret}}"}""",
            """{"kind":"interaction","v":1,"type":"like","account_id":"u1","post_id":"p1","at":"2026-03-01T12:01:00.000Z"}""") + "\n";
        using var admin = _host.Client(Roles.Admin);
        using var response = await admin.PostAsync("/api/v1/ingest?format=vigil", new StringContent(body, Encoding.UTF8, "application/x-ndjson"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(secret, text);
        var report = JsonDocument.Parse(text).RootElement;
        Assert.Equal(1, report.GetProperty("posts").GetProperty("taken").GetInt64());
        Assert.Equal(1, report.GetProperty("accounts").GetProperty("taken").GetInt64());
        Assert.Equal(1, report.GetProperty("interactions").GetProperty("taken").GetInt64());
        Assert.Equal(1, report.GetProperty("quarantined").GetInt64());
        Assert.True(report.GetProperty("balanced").GetBoolean());
        Assert.Equal(3, Assert.Single(report.GetProperty("rejections").EnumerateArray()).GetProperty("line").GetInt64());

        using var unknown = await admin.PostAsync("/api/v1/ingest?format=myspace", new StringContent(body, Encoding.UTF8, "application/x-ndjson"));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
    }

    private static string Padded(string base64) => base64.PadRight((base64.Length + 3) / 4 * 4, '=');

    private async Task<JsonElement> Get(string path)
    {
        using var client = _host.Client(Roles.Triage);
        using var response = await client.GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
