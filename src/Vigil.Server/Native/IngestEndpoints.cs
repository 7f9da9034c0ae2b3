using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Vigil.Ingest;
using Vigil.Server.Access;
using Vigil.Storage;

namespace Vigil.Server.Native;

/// <summary>
/// <c>POST /api/v1/ingest?format=</c>: the request body is one input in any of the five formats (vigil, csv, x-v2,
/// jetstream, mastodon; detected from its first record when not named), ingested as <c>vigil ingest</c> ingests a file.
/// A bad record is quarantined (in the database's quarantine file, as the command line does) and listed in the answer
/// with its line and reason, never its text; the rest are stored. The request size bound applies.
/// </summary>
internal static class IngestEndpoints
{
    /// <summary>Rejections listed in the answer; all of them are in the quarantine file.</summary>
    public const int MaxListedRejections = 100;

    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/ingest", Ingest).RequireAuthorization(Permissions.Administer).WithTags("Ingest").WithName("Ingest")
            .Accepts<string>("application/x-ndjson", "application/json", "text/csv")
            .WithSummary("Ingest posts, accounts and interactions in one of the five formats, with the quarantine report.");

    internal sealed record Counts(long Taken, long Duplicates);

    internal sealed record RejectedRecord(long Line, string Reason);

    internal sealed record IngestReport(string Format, long Records, long Read, Counts Accounts, Counts Posts, Counts Interactions,
        long Quarantined, long Ignored, bool Balanced, IReadOnlyList<RejectedRecord> Rejections, string QuarantineFile);

    private static async Task<Results<Ok<IngestReport>, ProblemHttpResult>> Ingest(HttpContext context, ServerOptions options,
        TimeProvider time, string? format, CancellationToken ct)
    {
        IngestFormat? named = null;
        if (format is not null)
        {
            if (!IngestFormats.TryParse(format, out var parsed))
                return Paging.Invalid($"format must be one of {string.Join(", ", Enum.GetValues<IngestFormat>().Select(IngestFormats.Name))}.");
            named = parsed;
        }
        // The ingestor reads files (it sniffs, seeks and names its source): the body is spooled to one, named for the request.
        var folder = Directory.CreateTempSubdirectory("vigil-api-ingest-");
        var source = Path.Combine(folder.FullName, $"api-ingest-{time.GetUtcNow():yyyyMMdd'T'HHmmss'Z'}-{context.TraceIdentifier.Replace(':', '-')}");
        try
        {
            await using (var file = File.Create(source)) await context.Request.Body.CopyToAsync(file, ct);
            if (new FileInfo(source).Length == 0) return Paging.Invalid("The request body is empty: send the records to ingest.");
            var rejections = new List<RejectedRecord>();
            await using var database = VigilDatabase.Open(options.DatabasePath, DatabaseAccess.CreateIfMissing);
            // Beside a SQLite file; in the current folder for a server database, as `vigil ingest` does.
            var quarantine = IngestOptions.QuarantinePathFor(database.SqlitePath ?? "vigil-ingest");
            var summary = await Ingestor.IngestAsync(await database.StoreAsync(ct), [source], new IngestOptions
            {
                Format = named, QuarantinePath = quarantine, Time = time,
                OnRejected = r => { if (rejections.Count < MaxListedRejections) rejections.Add(new RejectedRecord(r.Line, r.Reason)); },
            }, ct: ct);
            var f = summary.Files[0];
            return TypedResults.Ok(new IngestReport(IngestFormats.Name(f.Format), f.Records, f.Read, new Counts(f.Accounts.Taken, f.Accounts.Duplicates),
                new Counts(f.Posts.Taken, f.Posts.Duplicates), new Counts(f.Interactions.Taken, f.Interactions.Duplicates), f.Quarantined,
                f.Ignored, f.IsBalanced, rejections, Path.GetFileName(quarantine)));
        }
        catch (IngestException e)
        {
            // The message names the spooled file; the client knows it as its request body.
            return Paging.Invalid(e.Message.Replace(source, "request body", StringComparison.Ordinal));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
