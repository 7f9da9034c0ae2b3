using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Vigil.DecisionLog;
using Vigil.Server.Access;
using Vigil.Server.Hosting;
using Vigil.Storage;

namespace Vigil.Server.Native;

/// <summary>
/// The tamper-evident decision log: its head (signed when the server has a signing key, as <c>vigil log head</c> signs
/// it), a walk of the whole chain (<c>vigil log verify</c>), and its events in sequence order, a page at a time.
/// </summary>
internal static class LogEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var log = api.MapGroup("/log").RequireAuthorization(Permissions.View).WithTags("Decision log");
        log.MapGet("/head", Head).WithName("LogHead").WithSummary("The last event's sequence, hash and time; signed when the server has a key.");
        log.MapGet("/verify", Verify).WithName("VerifyLog").WithSummary("Walk the chain from genesis: intact, or the first event changed, removed, inserted or moved.");
        log.MapGet("/events", Events).WithName("LogEvents").WithSummary("Events in sequence order, optionally one subject's; cursor = the last sequence read.");
    }

    internal sealed record HeadView(long Sequence, string Hash, DateTimeOffset At, string? Signature, string? PublicKey);

    internal sealed record VerifyView(bool Intact, long EventsChecked, string Kind, long? Sequence, string? EventId, string Message);

    internal sealed record EventView(long Sequence, string Id, string Type, DateTimeOffset At, string Subject, string Actor,
        string PolicyVersion, string ModelVersion, string TaxonomyVersion, string Payload, string PrevHash, string Hash);

    private static async Task<Results<Ok<HeadView>, ProblemHttpResult>> Head(ServerOptions options, SigningKey signing, CancellationToken ct)
    {
        await using var database = VigilDatabase.Open(options.DatabasePath, DatabaseAccess.Existing);
        if (await (await database.LogAsync(ct)).HeadAsync(ct) is not { } head) return Paging.NotFound("The decision log is empty.");
        if (signing.Key is not { } key) return TypedResults.Ok(new HeadView(head.Sequence, head.Hash, head.At, null, null));
        var signed = LogHeadSigner.Sign(head, key);
        return TypedResults.Ok(new HeadView(signed.Sequence, signed.Hash, signed.At, signed.Signature, signed.PublicKey));
    }

    private static async Task<Ok<VerifyView>> Verify(ServerOptions options, CancellationToken ct)
    {
        await using var database = VigilDatabase.Open(options.DatabasePath, DatabaseAccess.Existing);
        var result = await LogVerifier.VerifyAsync((await database.LogAsync(ct)).ReadAllAsync(ct), ct: ct);
        return TypedResults.Ok(new VerifyView(result.Intact, result.EventsChecked, Model.Kebab.From(result.Kind), result.Sequence,
            result.EventId, result.Message));
    }

    private static async Task<Results<Ok<Page<EventView>>, ProblemHttpResult>> Events(ServerOptions options, string? subject,
        string? cursor, int? limit, CancellationToken ct)
    {
        if (!Paging.TryLimit(limit, out var take, out var problem) || !Paging.TrySequence(cursor, out var after, out problem)) return problem!;
        await using var database = VigilDatabase.Open(options.DatabasePath, DatabaseAccess.Existing);
        var events = new List<EventView>(take + 1);
        await foreach (var e in (await database.LogAsync(ct)).ReadAllAsync(ct))
        {
            if (e.Sequence <= after || (subject is not null && e.Subject != subject)) continue;
            events.Add(View(e));
            if (events.Count > take) break;
        }
        return TypedResults.Ok(Paging.Of(events, take, e => e.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    private static EventView View(DecisionEvent e) => new(e.Sequence, e.Id, Model.Kebab.From(e.Type), e.At, e.Subject, e.Actor,
        e.PolicyVersion, e.ModelVersion, e.TaxonomyVersion, e.Payload, e.PrevHash, e.Hash);
}
