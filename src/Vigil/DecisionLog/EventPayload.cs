using System.Text.Json;
using System.Text.Json.Serialization;

namespace Vigil.DecisionLog;

/// <summary>
/// The details of an event. One flat record for every type keeps the log schema to one table and one JSON shape;
/// fields that do not apply are omitted from the JSON.
/// </summary>
public sealed record EventPayload
{
    public string? Rule { get; init; }
    /// <summary>Content actions in effect from this event, as <see cref="Policy.Ladder.Format"/> writes them.</summary>
    public string? Actions { get; init; }
    /// <summary>Actions proposed for human review.</summary>
    public string? Proposed { get; init; }
    public string? AccountAction { get; init; }
    /// <summary>When a strike or account action ends.</summary>
    public DateTimeOffset? Until { get; init; }
    /// <summary>Id of the event this one acts on (the decision a strike or appeal is about, the request reviewed...).</summary>
    public string? Ref { get; init; }
    /// <summary>approved / rejected (reviews), upheld / overturned (appeals).</summary>
    public string? Outcome { get; init; }
    public string? Author { get; init; }
    public string? Consensus { get; init; }
    public string? Code { get; init; }
    public string? Target { get; init; }
    public string? Explicitness { get; init; }
    public string? Language { get; init; }
    public double? Score { get; init; }
    public double? Confidence { get; init; }
    public double? BotScore { get; init; }
    public string? Cluster { get; init; }
    public long? Reach { get; init; }
    public int? Severity { get; init; }
    /// <summary>Countries where the content is unlawful, when that is the ground.</summary>
    public string[]? Territories { get; init; }
    public string[]? Statutes { get; init; }
    /// <summary>The evidence spans as <c>feature@start+length</c>.</summary>
    public string[]? Evidence { get; init; }
    public DateTimeOffset? ContentDate { get; init; }
    public string? Note { get; init; }
    /// <summary>The measurement sample a label request (or the label answering it) belongs to.</summary>
    public string? Sample { get; init; }

    public string ToJson() => JsonSerializer.Serialize(this, EventPayloadJson.Default.EventPayload);

    public static EventPayload Parse(string json) =>
        JsonSerializer.Deserialize(json, EventPayloadJson.Default.EventPayload)
        ?? throw new FormatException("An event payload is empty.");
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(EventPayload))]
internal sealed partial class EventPayloadJson : JsonSerializerContext;
