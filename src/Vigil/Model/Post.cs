namespace Vigil.Model;

/// <summary>
/// A post. A repost is a post with <see cref="RepostOfId"/> set and usually no text of its own; a quote has both text
/// and <see cref="QuoteOfId"/>. <see cref="Views"/> is the platform's impression count as of the export.
/// </summary>
public sealed record Post
{
    public required string Id { get; init; }
    public required string AuthorId { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public string Text { get; init; } = "";
    /// <summary>BCP-47 language tag as the platform reported it, or null when unknown.</summary>
    public string? Language { get; init; }
    public string? ReplyToId { get; init; }
    public string? QuoteOfId { get; init; }
    public string? RepostOfId { get; init; }
    public IReadOnlyList<string> Hashtags { get; init; } = [];
    public IReadOnlyList<string> Mentions { get; init; } = [];
    public IReadOnlyList<string> Urls { get; init; } = [];
    public long Views { get; init; }
}
