using System.Security.Cryptography;
using System.Text.Json;
using Vigil.Detection;
using Vigil.Detection.Cascade;
using Vigil.Model;
using Vigil.Server.Scoring;

namespace Vigil.Server.OpenAi;

/// <summary>
/// <c>POST /v1/moderations</c>: one result per input text, with all thirteen of OpenAI's categories (those Vigil does not
/// model answer 0, not flagged, applied to no input type: see <see cref="AttributeMapping.OpenAi"/>). Nothing is stored.
/// </summary>
internal sealed class ModerationService(CascadeDetector detector)
{
    public const string DefaultModel = "omni-moderation-latest";
    public static IReadOnlyList<string> Models { get; } =
        [DefaultModel, "omni-moderation-2024-09-26", "text-moderation-latest", "text-moderation-stable"];
    /// <summary>Texts per request; each is also bounded by the request size limit.</summary>
    public const int MaxInputs = 100;

    /// <exception cref="ModerationRequestException">The request is one OpenAI would refuse, or an image.</exception>
    public ModerationResponse Moderate(ModerationRequest request)
    {
        var model = request.Model ?? DefaultModel;
        if (!Models.Contains(model))
            throw new ModerationRequestException($"The model '{model}' does not exist; use one of {string.Join(", ", Models)}.", "model", "model_not_found");
        var texts = Texts(request.Input);
        var results = new ModerationResult[texts.Count];
        for (var i = 0; i < texts.Count; i++) results[i] = Result(detector.Score(texts[i], explain: false).Verdict);
        return new ModerationResponse("modr-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12)), model, results);
    }

    private ModerationResult Result(in Verdict verdict)
    {
        var categories = new Dictionary<string, bool>(AttributeMapping.OpenAi.Count);
        var scores = new Dictionary<string, double>(AttributeMapping.OpenAi.Count);
        var applied = new Dictionary<string, string[]>(AttributeMapping.OpenAi.Count);
        foreach (var (name, mapping) in AttributeMapping.OpenAi)
        {
            categories[name] = mapping is not null && verdict.LanguageSupported && mapping.Flagged(verdict);
            scores[name] = mapping is not null && verdict.LanguageSupported ? mapping.Score(verdict) : 0;
            applied[name] = mapping is not null && verdict.LanguageSupported ? ["text"] : [];
        }
        return new ModerationResult(categories.ContainsValue(true), categories, scores, applied,
            new VigilExtras(verdict.Language, verdict.LanguageSupported, Kebab.From(verdict.Consensus), detector.ModelVersion));
    }

    /// <summary>
    /// The texts to score: a string is one; an array of strings is one each; an array of typed parts is one, its text
    /// parts joined (as OpenAI scores a multi-part input as one). Image parts are refused: Vigil reads text only.
    /// </summary>
    private static List<string> Texts(JsonElement input)
    {
        switch (input.ValueKind)
        {
            case JsonValueKind.String:
                return [input.GetString()!];
            case JsonValueKind.Array when input.GetArrayLength() is 0 or > MaxInputs:
                throw new ModerationRequestException($"input must hold 1 to {MaxInputs} items.", "input", "invalid_value");
            case JsonValueKind.Array when input.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String):
                return input.EnumerateArray().Select(e => e.GetString()!).ToList();
            case JsonValueKind.Array:
                var parts = new List<string>();
                var index = 0;
                foreach (var part in input.EnumerateArray())
                {
                    var type = part.ValueKind == JsonValueKind.Object && part.TryGetProperty("type", out var t) ? t.GetString() : null;
                    if (type == "image_url")
                        throw new ModerationRequestException(
                            $"input[{index}] is an image: Vigil moderates text only, so send the image's caption or alt text as a text part instead.",
                            "input", "image_input_not_supported");
                    if (type != "text" || !part.TryGetProperty("text", out var text) || text.ValueKind != JsonValueKind.String)
                        throw new ModerationRequestException($"input[{index}] must be a string or {{\"type\":\"text\",\"text\":\"...\"}}.", "input", "invalid_value");
                    parts.Add(text.GetString()!);
                    index++;
                }
                return [string.Join('\n', parts)];
            default:
                throw new ModerationRequestException("input must be a string, an array of strings, or an array of text parts.", "input", "invalid_value");
        }
    }
}

/// <summary>A refused moderation request: answered 400 in OpenAI's error shape, naming the parameter at fault.</summary>
internal sealed class ModerationRequestException(string message, string? param, string code) : Exception(message)
{
    public string? Param { get; } = param;
    public string Code { get; } = code;
}
