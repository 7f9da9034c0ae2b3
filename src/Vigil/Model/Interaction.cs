namespace Vigil.Model;

public enum InteractionKind
{
    Repost,
    Quote,
    Reply,
    Like,
    View,
}

/// <summary>
/// One account acting on one post at one time. Views are usually aggregated by the platform, so a view interaction
/// may carry a <see cref="Count"/> above one. The natural key (kind, account, post, time) makes re-ingest idempotent.
/// </summary>
public sealed record Interaction
{
    public required InteractionKind Kind { get; init; }
    public required string AccountId { get; init; }
    public required string PostId { get; init; }
    public DateTimeOffset At { get; init; }
    public long Count { get; init; } = 1;
}
