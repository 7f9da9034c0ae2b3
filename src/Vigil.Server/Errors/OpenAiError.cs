using System.Text.Json.Serialization;

namespace Vigil.Server.Errors;

/// <summary>OpenAI's error body, which its clients parse: <c>{"error":{"message","type","param","code"}}</c>.</summary>
internal sealed record OpenAiError([property: JsonPropertyName("error")] OpenAiError.Body Error)
{
    public static OpenAiError Create(string message, (string Type, string Code) kind, string? param) =>
        new(new Body(message, kind.Type, param, kind.Code));

    internal sealed record Body(
        [property: JsonPropertyName("message")] string Message,
        [property: JsonPropertyName("type")] string Type,
        [property: JsonPropertyName("param")] string? Param,
        [property: JsonPropertyName("code")] string Code);
}
