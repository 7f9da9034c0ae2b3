using Vigil.Model;

namespace Vigil.Ingest.Formats;

/// <summary>
/// The rules every platform import (X, Jetstream, Mastodon) applies to a post before it is stored, so that the same
/// thing reads the same whatever platform it came from:
/// <list type="bullet">
/// <item>A repost has no content of its own: no text, language, hashtags, mentions or URLs (X's "RT @user: …" copy and a Mastodon
/// boost's leftover links and language belong to the reposted post, which is stored in its own right when the export holds it).</item>
/// <item>Hashtags, mentions and URLs are sets: a link in the text that is also the card's link is one URL.</item>
/// <item>A repost, quote or reply is also an interaction by its author on the post it refers to, so that amplification
/// analysis reads interactions alone whatever the source.</item>
/// </list>
/// </summary>
internal static class PlatformPosts
{
    public static void Add(Post post, IRecordSink sink)
    {
        post = post.RepostOfId is not null
            ? post with { Text = "", Language = null, Hashtags = [], Mentions = [], Urls = [] }
            : post with { Hashtags = Distinct(post.Hashtags), Mentions = Distinct(post.Mentions), Urls = Distinct(post.Urls) };
        sink.Add(post);
        if (post.RepostOfId is { } repostOf) sink.Add(Interaction(InteractionKind.Repost, post, repostOf));
        if (post.QuoteOfId is { } quoteOf) sink.Add(Interaction(InteractionKind.Quote, post, quoteOf));
        if (post.ReplyToId is { } replyTo) sink.Add(Interaction(InteractionKind.Reply, post, replyTo));
    }

    /// <summary>The values in first-seen order, each once (ordinal: URLs and ids are case-sensitive).</summary>
    private static IReadOnlyList<string> Distinct(IReadOnlyList<string> values)
    {
        if (values.Count < 2) return values;
        var seen = new HashSet<string>(values.Count, StringComparer.Ordinal);
        var kept = new List<string>(values.Count);
        foreach (var value in values)
        {
            if (seen.Add(value)) kept.Add(value);
        }
        return kept.Count == values.Count ? values : kept;
    }

    private static Interaction Interaction(InteractionKind kind, Post post, string target) =>
        new() { Kind = kind, AccountId = post.AuthorId, PostId = target, At = post.CreatedAt };
}
