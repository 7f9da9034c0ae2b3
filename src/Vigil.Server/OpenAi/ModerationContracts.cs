using System.Text.Json;
using System.Text.Json.Serialization;

namespace Vigil.Server.OpenAi;

// OpenAI's moderation request and response bodies (snake_case on the wire). `input` stays a JsonElement: it is a
// string, an array of strings, or an array of typed parts, and ModerationService tells them apart.

internal sealed record ModerationRequest(
    [property: JsonPropertyName("input")] JsonElement Input,
    [property: JsonPropertyName("model")] string? Model);

internal sealed record ModerationResult(
    [property: JsonPropertyName("flagged")] bool Flagged,
    [property: JsonPropertyName("categories")] Dictionary<string, bool> Categories,
    [property: JsonPropertyName("category_scores")] Dictionary<string, double> CategoryScores,
    [property: JsonPropertyName("category_applied_input_types")] Dictionary<string, string[]> CategoryAppliedInputTypes,
    [property: JsonPropertyName("vigil")] VigilExtras Vigil);

/// <summary>What Vigil adds to each result: the language it read, and whether it could score it at all.</summary>
internal sealed record VigilExtras(
    [property: JsonPropertyName("language")] string Language,
    [property: JsonPropertyName("language_supported")] bool LanguageSupported,
    [property: JsonPropertyName("consensus_class")] string ConsensusClass,
    [property: JsonPropertyName("model_version")] string ModelVersion);

internal sealed record ModerationResponse(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("results")] ModerationResult[] Results);
