using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Vigil.Server.Access;
using Vigil.Server.Errors;
using Vigil.Server.Hosting;

namespace Vigil.Server.Perspective;

/// <summary>
/// Perspective's API under its own paths, so a client needs only a new base URL: <c>POST /v1alpha1/comments:analyze</c>,
/// <c>POST /v1alpha1/comments:suggestscore</c>, and the discovery document Google's own client library builds itself from (<c>GET /$discovery/rest</c>).
/// Errors are Google's shape with Perspective's error types.
/// </summary>
internal static class PerspectiveEndpoints
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static void Map(IEndpointRouteBuilder app)
    {
        var perspective = app.MapGroup("/v1alpha1").WithMetadata(new ApiFamilyMetadata(ApiFamily.Perspective))
            .RequireAuthorization(Permissions.Score).WithTags("Perspective");
        perspective.MapPost("/comments:analyze", Analyze).WithName("AnalyzeComment")
            .Accepts<AnalyzeCommentRequest>("application/json").Produces<AnalyzeCommentResponse>().Produces<GoogleError>(400)
            .WithSummary("Perspective's comments:analyze: attribute scores, per-sentence span scores, Google-shaped errors.");
        perspective.MapPost("/comments:suggestscore", Suggest).WithName("SuggestCommentScore")
            .Accepts<SuggestCommentScoreRequest>("application/json").Produces<SuggestCommentScoreResponse>().Produces<GoogleError>(400)
            .WithSummary("Perspective's comments:suggestscore: the client's judgement, stored as its label for measurement.");
        app.MapGet("/$discovery/rest", Discovery).AllowAnonymous().ExcludeFromDescription();
    }

    private static async Task<IResult> Analyze(HttpContext context, CommentAnalyzer analyzer, ServerMetrics metrics)
    {
        try
        {
            var request = await ReadAsync<AnalyzeCommentRequest>(context);
            var response = analyzer.Analyze(request);
            metrics.Scored("perspective", 1);
            return Results.Json(response, Json);
        }
        catch (PerspectiveRequestException e)
        {
            return Results.Json(GoogleError.Create(StatusCodes.Status400BadRequest, e.Message, e.ErrorType), Json,
                statusCode: StatusCodes.Status400BadRequest);
        }
    }

    private static async Task<IResult> Suggest(HttpContext context, ScoreSuggestions suggestions)
    {
        try
        {
            var request = await ReadAsync<SuggestCommentScoreRequest>(context);
            var keyId = context.User.FindFirst(ApiKeyAuthentication.KeyIdClaim)!.Value;
            return Results.Json(await suggestions.SuggestAsync(request, keyId, context.RequestAborted), Json);
        }
        catch (PerspectiveRequestException e)
        {
            return Results.Json(GoogleError.Create(StatusCodes.Status400BadRequest, e.Message, e.ErrorType), Json,
                statusCode: StatusCodes.Status400BadRequest);
        }
    }

    /// <summary>Reads a JSON body; a body that is not JSON of the expected shape is Perspective's INVALID_REQUEST.</summary>
    internal static async Task<T> ReadAsync<T>(HttpContext context) where T : class
    {
        try
        {
            return await JsonSerializer.DeserializeAsync<T>(context.Request.Body, Json, context.RequestAborted)
                   ?? throw new PerspectiveRequestException(PerspectiveRequestException.InvalidRequest, "The request body is empty.");
        }
        catch (JsonException e)
        {
            // The message names the path and position, never the text around it.
            throw new PerspectiveRequestException(PerspectiveRequestException.InvalidRequest, $"Invalid JSON payload: {e.Path} ({e.LineNumber}:{e.BytePositionInLine}).");
        }
    }

    private static IResult Discovery(HttpContext context) =>
        Results.Json(PerspectiveDiscovery.Document($"{context.Request.Scheme}://{context.Request.Host}/"));
}
