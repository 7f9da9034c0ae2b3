using Vigil.Model;

namespace Vigil.Ingest.Formats;

/// <summary>
/// Platform imports record a repost, quote or reply twice: as the post it is, and as an interaction by its author on
/// the post it refers to, so that amplification analysis reads interactions alone whatever the source.
/// </summary>
internal static class PostInteractions
{
    public static void Add(Post post, IRecordSink sink)
    {
        if (post.RepostOfId is { } repostOf) sink.Add(Make(InteractionKind.Repost, post, repostOf));
        if (post.QuoteOfId is { } quoteOf) sink.Add(Make(InteractionKind.Quote, post, quoteOf));
        if (post.ReplyToId is { } replyTo) sink.Add(Make(InteractionKind.Reply, post, replyTo));
    }

    private static Interaction Make(InteractionKind kind, Post post, string target) =>
        new() { Kind = kind, AccountId = post.AuthorId, PostId = target, At = post.CreatedAt };
}
