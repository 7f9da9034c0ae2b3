namespace Vigil.Model;

public enum InteractionKind
{
    Repost,
    Quote,
    Reply,
    Like,
    View,
}

/// <summary>The names interaction kinds go by in files and in storage: <c>repost</c>, <c>quote</c>, <c>reply</c>, <c>like</c>, <c>view</c>.</summary>
public static class InteractionKinds
{
    public static string Name(InteractionKind kind) => kind switch
    {
        InteractionKind.Repost => "repost",
        InteractionKind.Quote => "quote",
        InteractionKind.Reply => "reply",
        InteractionKind.Like => "like",
        InteractionKind.View => "view",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static bool TryParse(ReadOnlySpan<char> name, out InteractionKind kind)
    {
        switch (name)
        {
            case "repost": kind = InteractionKind.Repost; return true;
            case "quote": kind = InteractionKind.Quote; return true;
            case "reply": kind = InteractionKind.Reply; return true;
            case "like": kind = InteractionKind.Like; return true;
            case "view": kind = InteractionKind.View; return true;
            default: kind = default; return false;
        }
    }
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
