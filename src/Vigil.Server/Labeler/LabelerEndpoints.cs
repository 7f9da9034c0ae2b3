using System.Globalization;
using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Primitives;
using Vigil.Exports;

namespace Vigil.Server.Labeler;

/// <summary>
/// The AT Protocol labeler's two XRPC methods. <c>GET /xrpc/com.atproto.label.queryLabels</c> pages through the issued
/// labels (uriPatterns, a trailing <c>*</c> matching by prefix; sources; limit; cursor). <c>com.atproto.label.subscribeLabels</c>
/// is the WebSocket event stream: with a cursor it replays every label after it, then sends new ones as they are issued;
/// a cursor from the future gets a <c>FutureCursor</c> error frame, one older than the backfill window an
/// <c>OutdatedCursor</c> info frame and the window. Both are public, as a labeler's labels are: AppViews and clients read
/// them without an account; the anonymous rate limit applies.
/// </summary>
internal static class LabelerEndpoints
{
    public const int MaxPatterns = 50;
    public const int MaxPatternLength = 2000;
    public const int MaxLimit = 250;
    private const int ReplayBatch = 500;

    public static void Map(IEndpointRouteBuilder app)
    {
        var xrpc = app.MapGroup("/xrpc").AllowAnonymous().WithTags("AT Protocol labeler");
        xrpc.MapGet("/com.atproto.label.queryLabels", Query).WithName("QueryLabels")
            .WithSummary("AT Protocol com.atproto.label.queryLabels: the signed labels Vigil issued, by subject uri pattern.");
        xrpc.MapGet("/com.atproto.label.subscribeLabels", Subscribe).WithName("SubscribeLabels")
            .WithSummary("AT Protocol com.atproto.label.subscribeLabels: a WebSocket of DAG-CBOR #labels frames, from a cursor.");
    }

    private static async Task Query(HttpContext context, AtprotoLabeler labeler)
    {
        var ct = context.RequestAborted;
        if (!labeler.Enabled) { await XrpcError(context, 501, "MethodNotImplemented", NotConfigured); return; }
        var query = context.Request.Query;
        var patterns = query["uriPatterns"];
        if (patterns.Count is 0 or > MaxPatterns || patterns.Any(p => string.IsNullOrEmpty(p) || p.Length > MaxPatternLength))
        {
            await XrpcError(context, 400, "InvalidRequest", $"uriPatterns: 1 to {MaxPatterns} patterns of up to {MaxPatternLength} characters are required.");
            return;
        }
        if (!TryInt(query["limit"], 50, 1, MaxLimit, out var limit))
        {
            await XrpcError(context, 400, "InvalidRequest", $"limit must be an integer from 1 to {MaxLimit}.");
            return;
        }
        if (!TryCursor(query["cursor"], out var cursor))
        {
            await XrpcError(context, 400, "InvalidRequest", "cursor must be a cursor this labeler returned.");
            return;
        }
        var sources = query["sources"];
        IReadOnlyList<IssuedLabel> page = sources.Count > 0 && !sources.Contains(labeler.Did)
            ? []
            : await labeler.ReadAsync(cursor ?? 0, limit, patterns.Select(Pattern).ToList(), ct);

        context.Response.ContentType = "application/json";
        await using var json = new Utf8JsonWriter(context.Response.Body);
        json.WriteStartObject();
        if (page.Count == limit) json.WriteString("cursor", page[^1].Seq.ToString(CultureInfo.InvariantCulture));
        json.WriteStartArray("labels");
        foreach (var issued in page) AtprotoLabelExporter.WriteJson(json, issued.Label);
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static async Task Subscribe(HttpContext context, AtprotoLabeler labeler, ServerOptions options)
    {
        if (!labeler.Enabled) { await XrpcError(context, 501, "MethodNotImplemented", NotConfigured); return; }
        if (!context.WebSockets.IsWebSocketRequest)
        {
            await XrpcError(context, 400, "InvalidRequest", "subscribeLabels is a WebSocket: connect with ws:// or wss://.");
            return;
        }
        if (!TryCursor(context.Request.Query["cursor"], out var cursor))
        {
            await XrpcError(context, 400, "InvalidRequest", "cursor must be a sequence number.");
            return;
        }
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        using var closed = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        // The client sends nothing; a receive completes only when it closes, which ends the stream.
        var listening = DrainUntilClosedAsync(socket, closed);
        var ct = closed.Token;
        try
        {
            await StreamAsync(socket, labeler, options, cursor, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The subscriber went away.
        }
        catch (WebSocketException)
        {
            // The connection broke; nothing to tell anyone.
        }
        finally
        {
            await closed.CancelAsync();
            await listening;
        }
    }

    /// <summary>Replays from the cursor, then sends labels as they are issued, until cancelled or refused.</summary>
    private static async Task StreamAsync(WebSocket socket, AtprotoLabeler labeler, ServerOptions options, long? cursor, CancellationToken ct)
    {
        var latest = await labeler.LatestAsync(ct);
        var position = cursor ?? latest;
        if (cursor > latest)
        {
            await SendAsync(socket, AtprotoFrames.Error("FutureCursor", $"Cursor {cursor} is ahead of the latest label, {latest}."), ct);
            // Output only: the listener is the one receiving, and it answers the client's close.
            await socket.CloseOutputAsync(WebSocketCloseStatus.PolicyViolation, "FutureCursor", ct);
            return;
        }
        if (cursor < latest - options.LabelerBackfill)
        {
            position = latest - options.LabelerBackfill;
            await SendAsync(socket, AtprotoFrames.Info("OutdatedCursor",
                $"Cursor {cursor} is older than the {options.LabelerBackfill} labels kept for replay; replaying from {position}."), ct);
        }
        while (!ct.IsCancellationRequested)
        {
            var batch = await labeler.ReadAsync(position, ReplayBatch, uriPatterns: null, ct);
            foreach (var issued in batch)
            {
                await SendAsync(socket, AtprotoFrames.Labels(issued.Seq, [issued.Label]), ct);
                position = issued.Seq;
            }
            if (batch.Count < ReplayBatch) await Task.Delay(TimeSpan.FromSeconds(options.LabelerPollSeconds), ct);
        }
    }

    private static async Task DrainUntilClosedAsync(WebSocket socket, CancellationTokenSource closed)
    {
        var buffer = new byte[256];
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var received = await socket.ReceiveAsync(buffer, closed.Token);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
                    break;
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
            // Closed from either side.
        }
        await closed.CancelAsync();
    }

    private static Task SendAsync(WebSocket socket, byte[] frame, CancellationToken ct) =>
        socket.SendAsync(frame, WebSocketMessageType.Binary, endOfMessage: true, ct);

    private static (string, bool) Pattern(string? pattern) =>
        pattern!.EndsWith('*') ? (pattern[..^1], true) : (pattern, false);

    private static bool TryInt(StringValues value, int fallback, int min, int max, out int result)
    {
        result = fallback;
        if (value.Count == 0) return true;
        return int.TryParse(value[0], NumberStyles.None, CultureInfo.InvariantCulture, out result) && result >= min && result <= max;
    }

    private static bool TryCursor(StringValues value, out long? cursor)
    {
        cursor = null;
        if (value.Count == 0 || string.IsNullOrEmpty(value[0])) return true;
        if (!long.TryParse(value[0], NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)) return false;
        cursor = parsed;
        return true;
    }

    private const string NotConfigured = "This Vigil server is not a labeler: start it with --labeler-did and a signing key.";

    /// <summary>XRPC's error body: <c>{"error": NAME, "message": TEXT}</c>.</summary>
    private static Task XrpcError(HttpContext context, int status, string error, string message)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new { error, message }, context.RequestAborted);
    }
}
