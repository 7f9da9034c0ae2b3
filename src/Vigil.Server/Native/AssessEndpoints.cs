using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Vigil.Detection.Cascade;
using Vigil.Model;
using Vigil.Server.Access;
using Vigil.Server.Hosting;

namespace Vigil.Server.Native;

/// <summary>
/// <c>POST /api/v1/assess</c>: one or many texts, each with the detector's whole verdict: probabilities, the taxonomy
/// (target, code, consensus class, explicitness), the evidence spans (UTF-16 offsets into the text), the language, and
/// the versions behind it. Nothing is stored or logged.
/// </summary>
internal static class AssessEndpoints
{
    /// <summary>Texts per request; the request size bound applies as well.</summary>
    public const int MaxTexts = 1000;
    /// <summary>Characters per text, as Perspective's 20 KB comment bound.</summary>
    public const int MaxTextLength = 20_480;

    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/assess", Assess).RequireAuthorization(Permissions.Score).WithTags("Assess").WithName("Assess")
            .WithSummary("Assess one or many texts: verdict, evidence spans, taxonomy, consensus class.");

    internal sealed record AssessText(string? Id, string? Text);

    internal sealed record AssessRequest(AssessText[]? Texts);

    internal sealed record Evidence(int Start, int Length, string Feature, double Weight);

    internal sealed record TextAssessment(string Id, bool Hateful, double PHateful, bool Antisemitic, double PAntisemitic,
        string Target, string Code, double CodeConfidence, string ConsensusClass, string Explicitness, string Language,
        bool LanguageSupported, Evidence[] Evidence, string ModelVersion, string TaxonomyVersion);

    internal sealed record AssessResponse(TextAssessment[] Assessments);

    private static Results<Ok<AssessResponse>, ProblemHttpResult> Assess(AssessRequest request, CascadeDetector detector, ServerMetrics metrics)
    {
        if (request.Texts is not { Length: > 0 and <= MaxTexts } texts)
            return Invalid($"texts must hold 1 to {MaxTexts} items.");
        var assessments = new TextAssessment[texts.Length];
        for (var i = 0; i < texts.Length; i++)
        {
            if (texts[i]?.Text is not { } text) return Invalid($"texts[{i}].text is required.");
            if (text.Length > MaxTextLength) return Invalid($"texts[{i}].text is longer than {MaxTextLength} characters.");
            var id = texts[i].Id ?? i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            assessments[i] = View(detector.Assess(id, text));
        }
        metrics.Scored("native", assessments.Length);
        return TypedResults.Ok(new AssessResponse(assessments));
    }

    private static TextAssessment View(Assessment a) => new(a.PostId, a.Hateful, a.PHateful, a.Antisemitic, a.PAntisemitic,
        Kebab.From(a.Label.Target), Kebab.From(a.Label.Code), a.CodeConfidence, Kebab.From(a.Label.Consensus),
        Kebab.From(a.Label.Explicitness), a.Language, a.LanguageSupported,
        a.Evidence.Select(e => new Evidence(e.Start, e.Length, e.Feature, e.Weight)).ToArray(), a.ModelVersion, a.TaxonomyVersion);

    private static ProblemHttpResult Invalid(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Invalid assess request");
}
