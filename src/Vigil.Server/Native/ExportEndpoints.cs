using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Vigil.Enforcement;
using Vigil.Exports;
using Vigil.Policy;
using Vigil.Server.Access;
using Vigil.Server.Labeler;
using Vigil.Storage;

namespace Vigil.Server.Native;

/// <summary>
/// The decision log in the formats regulators and networks read, as <c>vigil export</c> writes them: DSA statements of
/// reasons (a batch of up to 100 a page, the Transparency Database API's own batch), the AT Protocol labels the labeler
/// issued (signed, in its sequence), and every decision as CSV.
/// </summary>
internal static class ExportEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var exports = api.MapGroup("/exports").RequireAuthorization(Permissions.View).WithTags("Exports");
        exports.MapGet("/dsa", Dsa).WithName("ExportDsa")
            .WithSummary("DSA statements of reasons (Transparency Database API v2), one batch of up to 100 a page; cursor = the next batch.");
        exports.MapGet("/atproto", Atproto).WithName("ExportAtprotoLabels")
            .WithSummary("The signed com.atproto.label.defs#label records the labeler issued, in its sequence; cursor = the last seq.");
        exports.MapGet("/decisions.csv", Csv).WithName("ExportDecisionsCsv").WithSummary("Every decision, in effect or reversed, as CSV.");
    }

    internal sealed record DsaBatch(int Batch, int Batches, string? NextCursor, System.Text.Json.JsonElement Statements);

    internal sealed record LabelPage(IReadOnlyList<System.Text.Json.JsonElement> Labels, string? NextCursor);

    private static async Task<Results<Ok<DsaBatch>, ProblemHttpResult>> Dsa(ServerOptions options, string? cursor, CancellationToken ct)
    {
        if (!Paging.TrySequence(cursor, out var index, out var problem)) return problem!;
        var batches = DsaStatementExporter.Batches(await StateAsync(options, ct), EnforcementPolicy.Default);
        if (batches.Count == 0) return Paging.NotFound("No decision calls for a statement of reasons yet.");
        if (index >= batches.Count) return Paging.Invalid($"cursor {index} is past the last batch ({batches.Count - 1}).");
        var next = index + 1 < batches.Count ? (index + 1).ToString(CultureInfo.InvariantCulture) : null;
        using var batch = System.Text.Json.JsonDocument.Parse(batches[(int)index]);
        return TypedResults.Ok(new DsaBatch((int)index, batches.Count, next, batch.RootElement.Clone()));
    }

    private static async Task<Results<Ok<LabelPage>, ProblemHttpResult>> Atproto(AtprotoLabeler labeler, string? cursor, int? limit,
        CancellationToken ct)
    {
        if (!labeler.Enabled)
            return TypedResults.Problem("This server is not a labeler: start it with --labeler-did and a signing key.",
                statusCode: StatusCodes.Status409Conflict, title: "Not a labeler");
        if (!Paging.TryLimit(limit, out var take, out var problem) || !Paging.TrySequence(cursor, out var after, out problem)) return problem!;
        var issued = await labeler.ReadAsync(after, take + 1, uriPatterns: null, ct);
        var page = Paging.Of(issued, take, l => l.Seq.ToString(CultureInfo.InvariantCulture));
        using var json = System.Text.Json.JsonDocument.Parse(AtprotoLabelExporter.ToJson(page.Items.Select(l => l.Label).ToList()));
        return TypedResults.Ok(new LabelPage(json.RootElement.GetProperty("labels").EnumerateArray().Select(l => l.Clone()).ToList(), page.NextCursor));
    }

    private static async Task<IResult> Csv(ServerOptions options, CancellationToken ct)
    {
        var state = await StateAsync(options, ct);
        await using var writer = new StringWriter(CultureInfo.InvariantCulture);
        DecisionCsvExporter.Write(state, writer);
        return Results.Text(writer.ToString(), "text/csv", Encoding.UTF8);
    }

    private static async Task<EnforcementState> StateAsync(ServerOptions options, CancellationToken ct)
    {
        await using var database = VigilDatabase.Open(options.DatabasePath, DatabaseAccess.Existing);
        return await EnforcementState.ReplayAsync((await database.LogAsync(ct)).ReadAllAsync(ct), ct);
    }
}
