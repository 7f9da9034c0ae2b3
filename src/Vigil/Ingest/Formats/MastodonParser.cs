using System.Text.Json;
using Vigil.Model;
using static Vigil.Ingest.JsonValues;

namespace Vigil.Ingest.Formats;

/// <summary>
/// Mastodon Status entities as the REST API returns them: pages (JSON arrays) and single statuses, one a line or
/// pretty-printed, in any mix. Each status gives its account and its post. A boost (<c>reblog</c>) gives the boosted
/// status too, and is a post with <c>repost_of_id</c> plus a repost interaction; a quote (Mastodon 4.4+) links the
/// quoted status as <c>quote_of_id</c> and gives it too when it is there. HTML content is reduced to text, its plain
/// links kept as URLs; a content warning (<c>spoiler_text</c>) opens the text, followed by a blank line.
/// </summary>
internal sealed class MastodonParser : IRecordParser
{
    public ScanMode Mode => ScanMode.JsonValues;

    public void Parse(ReadOnlySpan<byte> utf8, long line, IRecordSink sink)
    {
        var reader = new Utf8JsonReader(utf8);
        using var document = JsonDocument.ParseValue(ref reader);
        var status = document.RootElement;
        if (status.ValueKind != JsonValueKind.Object) throw new InvalidRecordException("not a JSON object (a Mastodon status)");

        // Map everything before adding anything, so that a bad boosted or quoted status quarantines the status whole.
        var reblog = Child(status, "reblog");
        var boosted = reblog.ValueKind == JsonValueKind.Object ? Map(reblog) : default;
        var quoted = QuotedStatus(status) is { ValueKind: JsonValueKind.Object } quotedStatus ? Map(quotedStatus) : default;
        var (account, post) = Map(status);
        if (boosted.Post is not null) post = post with { RepostOfId = boosted.Post.Id };
        if (quoted.Post is not null) post = post with { QuoteOfId = quoted.Post.Id };
        else if (QuotedStatusId(status) is { } quotedId) post = post with { QuoteOfId = quotedId };

        foreach (var (otherAccount, otherPost) in (ReadOnlySpan<(Account, Post)>)[boosted, quoted])
        {
            if (otherPost is null) continue;
            sink.Add(otherAccount);
            PlatformPosts.Add(otherPost, sink);
        }
        sink.Add(account);
        PlatformPosts.Add(post, sink);
    }

    /// <summary>The quoted status of an accepted quote, when the server sent it whole.</summary>
    private static JsonElement QuotedStatus(JsonElement status) =>
        Child(status, "quote") is { ValueKind: JsonValueKind.Object } quote && OptionalString(quote, "state") is null or "accepted"
            ? Child(quote, "quoted_status")
            : default;

    /// <summary>The id of an accepted quote sent shallow (a ShallowQuote: <c>quoted_status_id</c> only).</summary>
    private static string? QuotedStatusId(JsonElement status) =>
        Child(status, "quote") is { ValueKind: JsonValueKind.Object } quote && OptionalString(quote, "state") is null or "accepted"
            ? OptionalString(quote, "quoted_status_id")
            : null;

    private static (Account Account, Post Post) Map(JsonElement status)
    {
        var accountElement = Child(status, "account");
        if (accountElement.ValueKind != JsonValueKind.Object) throw Missing("account");
        var account = new Account
        {
            Id = RequiredString(accountElement, "id"),
            // acct is user@instance for remote accounts, so it stays unique across the federation.
            Handle = OptionalString(accountElement, "acct") is { Length: > 0 } acct ? acct : RequiredString(accountElement, "username"),
            DisplayName = OptionalString(accountElement, "display_name") ?? "",
            CreatedAt = OptionalTime(accountElement, "created_at") ?? default,
            Description = HtmlText.ToPlain(OptionalString(accountElement, "note") ?? "", links: null),
            Followers = OptionalInt64(accountElement, "followers_count"),
            Following = OptionalInt64(accountElement, "following_count"),
            PostCount = OptionalInt64(accountElement, "statuses_count"),
            DefaultProfileImage = OptionalString(accountElement, "avatar")?.EndsWith("/missing.png", StringComparison.Ordinal) ?? false,
        };

        var links = new List<string>();
        var post = new Post
        {
            Id = RequiredString(status, "id"),
            AuthorId = account.Id,
            CreatedAt = RequiredTime(status, "created_at"),
            Text = WithContentWarning(OptionalString(status, "spoiler_text"), HtmlText.ToPlain(OptionalString(status, "content") ?? "", links)),
            Language = OptionalString(status, "language"),
            ReplyToId = OptionalString(status, "in_reply_to_id"),
            Hashtags = Names(Child(status, "tags"), "name"),
            Mentions = Names(Child(status, "mentions"), "acct"),
            Urls = links,
        };
        return (account, post);
    }

    /// <summary>A content warning is the author's own words about the post: kept, as the text's first paragraph.</summary>
    private static string WithContentWarning(string? warning, string text) =>
        string.IsNullOrWhiteSpace(warning) ? text : text.Length == 0 ? warning : $"{warning}\n\n{text}";

    private static IReadOnlyList<string> Names(JsonElement items, string field)
    {
        if (items.ValueKind != JsonValueKind.Array || items.GetArrayLength() == 0) return [];
        var names = new List<string>(items.GetArrayLength());
        foreach (var item in items.EnumerateArray()) names.Add(RequiredString(item, field));
        return names;
    }
}
