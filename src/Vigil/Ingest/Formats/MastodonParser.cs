using System.Text.Json;
using Vigil.Model;
using static Vigil.Ingest.JsonValues;

namespace Vigil.Ingest.Formats;

/// <summary>
/// Mastodon Status entities (as the REST API returns them: a JSON array, or one a line). Each status gives its account
/// and its post; a boost (<c>reblog</c>) gives the boosted status too, and is a post with <c>repost_of_id</c> plus a
/// repost interaction. HTML content is reduced to text, its plain links kept as URLs.
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

        // Map everything before adding anything, so that a bad boosted status quarantines the boost whole.
        var reblog = Child(status, "reblog");
        var boosted = reblog.ValueKind == JsonValueKind.Object ? Map(reblog) : default;
        var (account, post) = Map(status);
        if (boosted.Post is not null) post = post with { RepostOfId = boosted.Post.Id, Text = "" };

        if (boosted.Post is not null)
        {
            sink.Add(boosted.Account);
            sink.Add(boosted.Post);
            PostInteractions.Add(boosted.Post, sink);
        }
        sink.Add(account);
        sink.Add(post);
        PostInteractions.Add(post, sink);
    }

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
            Text = HtmlText.ToPlain(OptionalString(status, "content") ?? "", links),
            Language = OptionalString(status, "language"),
            ReplyToId = OptionalString(status, "in_reply_to_id"),
            Hashtags = Names(Child(status, "tags"), "name"),
            Mentions = Names(Child(status, "mentions"), "acct"),
            Urls = links,
        };
        return (account, post);
    }

    private static IReadOnlyList<string> Names(JsonElement items, string field)
    {
        if (items.ValueKind != JsonValueKind.Array || items.GetArrayLength() == 0) return [];
        var names = new List<string>(items.GetArrayLength());
        foreach (var item in items.EnumerateArray()) names.Add(RequiredString(item, field));
        return names;
    }
}
