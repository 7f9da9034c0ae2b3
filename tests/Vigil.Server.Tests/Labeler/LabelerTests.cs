using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.TestHost;
using Vigil.Exports;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Labeler;

public sealed class LabelerTests : IAsyncLifetime
{
    private const string Did = "did:web:labeler.test";
    private TestServerHost _host = null!;
    private ECDsa _key = null!;

    public async Task InitializeAsync()
    {
        var (pem, key) = SeededDecisions.LabelerKey();
        _key = key;
        _host = await TestServerHost.StartAsync(o => o with { LabelerDid = Did, SigningKeyPath = pem, LabelerBackfill = 3, LabelerPollSeconds = 0.05 });
        await SeededDecisions.ApplyAsync(_host.DatabasePath, 5);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _key.Dispose();
    }

    [Fact]
    public async Task QueryLabelsPagesThroughSignedLabelsByUriPattern()
    {
        var all = new List<AtprotoLabel>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await Query($"uriPatterns=at://*&limit=2{(cursor is null ? "" : "&cursor=" + cursor)}");
            all.AddRange(Labels(page));
            cursor = page.TryGetProperty("cursor", out var c) ? c.GetString() : null;
            pages++;
        } while (cursor is not null && pages < 100);
        Assert.Equal(5, all.Count);
        Assert.Equal(all.Count, all.Select(l => l.Uri).Distinct().Count());
        Assert.All(all, l => Assert.True(AtprotoLabelExporter.Verify(l, _key), $"{l.Uri}: signature does not verify"));
        Assert.All(all, l => Assert.Equal(Did, l.Src));

        var exact = Labels(await Query("uriPatterns=" + Uri.EscapeDataString(all[2].Uri)));
        Assert.Equal([all[2].Uri], exact.Select(l => l.Uri));
        // A pattern without * is exact: a prefix of a uri does not match it.
        Assert.Empty(Labels(await Query("uriPatterns=" + Uri.EscapeDataString(all[2].Uri[..^1]))));
        Assert.Empty(Labels(await Query("uriPatterns=*&sources=did:web:someone.else")));
        Assert.Equal(5, Labels(await Query($"uriPatterns=*&sources={Did}")).Count);
    }

    [Theory]
    [InlineData("")]
    [InlineData("uriPatterns=*&limit=0")]
    [InlineData("uriPatterns=*&limit=251")]
    [InlineData("uriPatterns=*&cursor=abc")]
    public async Task BadQueriesGetXrpcErrors(string query)
    {
        using var client = _host.Client();
        using var response = await client.GetAsync("/xrpc/com.atproto.label.queryLabels?" + query);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("InvalidRequest", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task ASubscriptionReplaysFromItsCursorThenStreamsNewLabels()
    {
        using var socket = await Connect("?cursor=2");
        var replayed = new List<(long Seq, AtprotoLabel Label)>();
        while (replayed.Count < 3) replayed.AddRange(LabelsOf(await Receive(socket)));
        Assert.Equal([3L, 4L, 5L], replayed.Select(r => r.Seq));
        Assert.All(replayed, r => Assert.True(AtprotoLabelExporter.Verify(r.Label, _key)));

        // A decision appended now (as another process would) reaches the open subscription.
        await SeededDecisions.ApplyAsync(_host.DatabasePath, 1, prefix: "late");
        var live = LabelsOf(await Receive(socket));
        Assert.Equal(6L, Assert.Single(live).Seq);
        Assert.EndsWith("/late1", live[0].Label.Uri);
    }

    [Fact]
    public async Task AnOldCursorGetsOutdatedCursorAndAFutureOneAnErrorFrame()
    {
        using (var socket = await Connect("?cursor=0"))
        {
            var (header, body) = Split(await Receive(socket));
            Assert.Equal("#info", header.GetProperty("t").GetString());
            Assert.Equal("OutdatedCursor", body.GetProperty("name").GetString());
            // Backfill is 3 labels: replay starts after 5 - 3.
            Assert.Equal(3L, LabelsOf(await Receive(socket))[0].Seq);
        }
        using (var socket = await Connect("?cursor=99"))
        {
            var (header, body) = Split(await Receive(socket));
            Assert.Equal(-1, header.GetProperty("op").GetInt32());
            Assert.Equal("FutureCursor", body.GetProperty("error").GetString());
        }
    }

    private async Task<WebSocket> Connect(string query)
    {
        var client = _host.Server.CreateWebSocketClient();
        return await client.ConnectAsync(new Uri("ws://localhost/xrpc/com.atproto.label.subscribeLabels" + query), CancellationToken.None);
    }

    private static async Task<byte[]> Receive(WebSocket socket)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var buffer = new byte[64 * 1024];
        var total = 0;
        WebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(new ArraySegment<byte>(buffer, total, buffer.Length - total), timeout.Token);
            total += result.Count;
        } while (!result.EndOfMessage);
        return buffer[..total];
    }

    private static List<(long Seq, AtprotoLabel Label)> LabelsOf(byte[] frame)
    {
        var (header, body) = Split(frame);
        Assert.Equal(1, header.GetProperty("op").GetInt32());
        Assert.Equal("#labels", header.GetProperty("t").GetString());
        var seq = body.GetProperty("seq").GetInt64();
        return body.GetProperty("labels").EnumerateArray().Select(l => (seq, FromCbor(l))).ToList();
    }

    /// <summary>Reads the two DAG-CBOR objects of a frame with System.Formats.Cbor (an independent decoder), as JSON for asserting.</summary>
    private static (JsonElement Header, JsonElement Body) Split(byte[] frame)
    {
        var reader = new System.Formats.Cbor.CborReader(frame, System.Formats.Cbor.CborConformanceMode.Canonical, allowMultipleRootLevelValues: true);
        var header = CborJson.Read(reader);
        var body = CborJson.Read(reader);
        Assert.Equal(System.Formats.Cbor.CborReaderState.Finished, reader.PeekState());
        return (header, body);
    }

    /// <summary>A label read back: <paramref name="sig"/> is its signature, which CBOR carries as bytes and JSON as <c>{$bytes}</c>.</summary>
    private static AtprotoLabel Label(JsonElement l, byte[] sig) => new()
    {
        Ver = l.GetProperty("ver").GetInt32(), Src = l.GetProperty("src").GetString()!, Uri = l.GetProperty("uri").GetString()!,
        Val = l.GetProperty("val").GetString()!, Cts = l.GetProperty("cts").GetString()!,
        Neg = l.TryGetProperty("neg", out var neg) && neg.GetBoolean(), Exp = l.TryGetProperty("exp", out var exp) ? exp.GetString() : null,
        Sig = sig,
    };

    private static AtprotoLabel FromCbor(JsonElement l) => Label(l, Convert.FromBase64String(l.GetProperty("sig").GetString()!));

    private static List<AtprotoLabel> Labels(JsonElement page) => page.GetProperty("labels").EnumerateArray().Select(l =>
    {
        var sig = l.GetProperty("sig").GetProperty("$bytes").GetString()!;
        return Label(l, Convert.FromBase64String(sig.PadRight((sig.Length + 3) / 4 * 4, '=')));
    }).ToList();

    private async Task<JsonElement> Query(string query)
    {
        using var client = _host.Client();
        using var response = await client.GetAsync("/xrpc/com.atproto.label.queryLabels?" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
