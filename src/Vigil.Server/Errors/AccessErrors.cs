using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Vigil.Server.Errors;

/// <summary>Writes an <see cref="AccessError"/> in the shape of the API the request was for.</summary>
internal static class AccessErrors
{
    public static ApiFamily FamilyOf(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<ApiFamilyMetadata>()?.Family ?? ApiFamily.Native;

    public static Task WriteAsync(HttpContext context, AccessError error)
    {
        var (status, message) = error switch
        {
            AccessError.Unauthenticated => (StatusCodes.Status401Unauthorized,
                "A valid API key is required: send it as 'Authorization: Bearer KEY', 'X-Api-Key: KEY' or '?key=KEY'."),
            AccessError.Forbidden => (StatusCodes.Status403Forbidden, "This key's role may not call this endpoint."),
            AccessError.TooLarge => (StatusCodes.Status413PayloadTooLarge, "The request body is larger than this server accepts."),
            AccessError.RateLimited => (StatusCodes.Status429TooManyRequests, "This key has made too many requests; retry after the time in Retry-After."),
            _ => throw new ArgumentOutOfRangeException(nameof(error), error, null),
        };
        context.Response.StatusCode = status;
        return FamilyOf(context) switch
        {
            ApiFamily.Perspective => context.Response.WriteAsJsonAsync(GoogleError.Create(status, message, error switch
            {
                AccessError.RateLimited => "RATE_LIMIT_EXCEEDED",
                AccessError.TooLarge => "COMMENT_TOO_LONG",
                _ => null,
            })),
            ApiFamily.OpenAi => context.Response.WriteAsJsonAsync(OpenAiError.Create(message, error switch
            {
                AccessError.Unauthenticated => ("invalid_request_error", "invalid_api_key"),
                AccessError.Forbidden => ("invalid_request_error", "insufficient_permissions"),
                AccessError.TooLarge => ("invalid_request_error", "request_too_large"),
                _ => ("requests", "rate_limit_exceeded"),
            }, param: null)),
            _ => Results.Problem(new ProblemDetails
            {
                Status = status,
                Title = error switch
                {
                    AccessError.Unauthenticated => "Unauthenticated",
                    AccessError.Forbidden => "Forbidden",
                    AccessError.TooLarge => "Request too large",
                    _ => "Too many requests",
                },
                Detail = message,
            }).ExecuteAsync(context),
        };
    }
}

/// <summary>Endpoint metadata naming the <see cref="ApiFamily"/>.</summary>
internal sealed record ApiFamilyMetadata(ApiFamily Family);
