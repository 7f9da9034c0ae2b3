using System.Text.Json.Serialization;

namespace Vigil.Server.Errors;

/// <summary>
/// Google's error body, which Perspective clients parse: <c>{"error":{"code","message","status","details":[{"@type",
/// "errorType"}]}}</c>, where <c>errorType</c> is Perspective's own code (COMMENT_EMPTY, RATE_LIMIT_EXCEEDED...).
/// </summary>
internal sealed record GoogleError([property: JsonPropertyName("error")] GoogleError.Body Error)
{
    private const string DetailType = "type.googleapis.com/google.commentanalyzer.v1alpha1.Error";

    public static GoogleError Create(int httpStatus, string message, string? errorType) =>
        new(new Body(httpStatus, message, Status(httpStatus), errorType is null ? null : [new Detail(DetailType, errorType)]));

    /// <summary>The canonical gRPC status name Google pairs with each HTTP status.</summary>
    private static string Status(int httpStatus) => httpStatus switch
    {
        400 or 413 => "INVALID_ARGUMENT",
        401 => "UNAUTHENTICATED",
        403 => "PERMISSION_DENIED",
        404 => "NOT_FOUND",
        429 => "RESOURCE_EXHAUSTED",
        _ => "INTERNAL",
    };

    internal sealed record Body(
        [property: JsonPropertyName("code")] int Code,
        [property: JsonPropertyName("message")] string Message,
        [property: JsonPropertyName("status")] string Status,
        [property: JsonPropertyName("details"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Detail[]? Details);

    internal sealed record Detail(
        [property: JsonPropertyName("@type")] string Type,
        [property: JsonPropertyName("errorType")] string ErrorType);
}
