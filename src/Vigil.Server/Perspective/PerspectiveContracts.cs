using System.Text.Json.Serialization;

namespace Vigil.Server.Perspective;

// Perspective's v1alpha1 request and response bodies, field for field (camelCase on the wire). Fields Vigil accepts but
// does not use (context, sessionId) are still declared, so a client's full request parses.

internal sealed record TextEntry(string? Text, string? Type);

internal sealed record RequestedAttribute(string? ScoreType, double? ScoreThreshold);

internal sealed record CommentContext(TextEntry[]? Entries);

internal sealed record AnalyzeCommentRequest
{
    public TextEntry? Comment { get; init; }
    public CommentContext? Context { get; init; }
    public Dictionary<string, RequestedAttribute?>? RequestedAttributes { get; init; }
    public string[]? Languages { get; init; }
    public bool? DoNotStore { get; init; }
    public string? ClientToken { get; init; }
    public string? SessionId { get; init; }
    public string? CommunityId { get; init; }
    public bool? SpanAnnotations { get; init; }
}

internal sealed record Score(double Value, string Type = "PROBABILITY");

internal sealed record SpanScore(int Begin, int End, Score Score);

/// <summary>Vigil's taxonomy verdict, beside the score of its own attributes (clients that do not know it ignore it).</summary>
internal sealed record TaxonomyVerdict(bool Flagged, string Code, string Target, string ConsensusClass, string Explicitness,
    string ModelVersion, string TaxonomyVersion);

internal sealed record AttributeScores(
    Score SummaryScore,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] SpanScore[]? SpanScores,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] TaxonomyVerdict? Taxonomy);

internal sealed record AnalyzeCommentResponse(
    Dictionary<string, AttributeScores> AttributeScores,
    string[] Languages,
    string[] DetectedLanguages,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ClientToken);

internal sealed record SuggestedScore(Score? SummaryScore);

internal sealed record SuggestCommentScoreRequest
{
    public TextEntry? Comment { get; init; }
    public CommentContext? Context { get; init; }
    public Dictionary<string, SuggestedScore?>? AttributeScores { get; init; }
    public string[]? Languages { get; init; }
    public string? CommunityId { get; init; }
    public string? ClientToken { get; init; }
    public string? SessionId { get; init; }
}

internal sealed record SuggestCommentScoreResponse(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ClientToken);
