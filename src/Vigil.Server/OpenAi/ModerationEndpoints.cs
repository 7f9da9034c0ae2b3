using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Vigil.Server.Access;
using Vigil.Server.Errors;
using Vigil.Server.Hosting;

namespace Vigil.Server.OpenAi;

/// <summary>OpenAI's <c>POST /v1/moderations</c> under its own path, so a client needs only a new base URL.</summary>
internal static class ModerationEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var openAi = app.MapGroup("/v1").WithMetadata(new ApiFamilyMetadata(ApiFamily.OpenAi))
            .RequireAuthorization(Permissions.Score).WithTags("OpenAI");
        openAi.MapPost("/moderations", Moderate).WithName("CreateModeration")
            .Accepts<ModerationRequest>("application/json").Produces<ModerationResponse>().Produces<OpenAiError>(400)
            .WithSummary("OpenAI's moderation endpoint: all thirteen categories; the modelled ones scored by Vigil.");
    }

    private static async Task<IResult> Moderate(HttpContext context, ModerationService moderation, ServerMetrics metrics)
    {
        try
        {
            ModerationRequest? request;
            try
            {
                request = await JsonSerializer.DeserializeAsync<ModerationRequest>(context.Request.Body, cancellationToken: context.RequestAborted);
            }
            catch (JsonException e)
            {
                throw new ModerationRequestException($"The request body is not valid JSON ({e.Path}, {e.LineNumber}:{e.BytePositionInLine}).", null, "invalid_json");
            }
            if (request is null || request.Input.ValueKind == JsonValueKind.Undefined)
                throw new ModerationRequestException("input is required.", "input", "missing_required_parameter");
            var response = moderation.Moderate(request);
            metrics.Scored("openai", response.Results.Length);
            return Results.Json(response);
        }
        catch (ModerationRequestException e)
        {
            return Results.Json(OpenAiError.Create(e.Message, ("invalid_request_error", e.Code), e.Param), statusCode: StatusCodes.Status400BadRequest);
        }
    }
}
