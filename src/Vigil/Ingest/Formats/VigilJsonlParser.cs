using System.Text.Json;
using Vigil.Model;
using static Vigil.Ingest.JsonValues;

namespace Vigil.Ingest.Formats;

/// <summary>
/// Reads the Vigil JSONL v1 format that <see cref="VigilJsonl"/> writes, in one forward pass over each line's bytes
/// (no document tree): this is the fast path the ingest goal (≥100k posts/s) is measured on. Field order does not
/// matter and unknown fields are skipped, so v1 readers accept lines that later writers extend.
/// </summary>
internal sealed class VigilJsonlParser : IRecordParser
{
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 8 };

    public ScanMode Mode => ScanMode.Lines;

    public void Parse(ReadOnlySpan<byte> utf8, long line, IRecordSink sink)
    {
        var reader = new Utf8JsonReader(utf8, ReaderOptions);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) throw new InvalidRecordException("not a JSON object");

        string? kind = null, id = null, handle = null, displayName = null, description = null, authorId = null;
        string? text = null, lang = null, replyToId = null, quoteOfId = null, repostOfId = null;
        string? type = null, accountId = null, postId = null;
        long? version = null;
        long followers = 0, following = 0, postCount = 0, listed = 0, views = 0, count = 1;
        bool verified = false, paidTier = false, defaultProfile = false, defaultProfileImage = false;
        DateTimeOffset? createdAt = null, suspendedAt = null, restoredAt = null, at = null;
        IReadOnlyList<string> hashtags = [], mentions = [], urls = [];

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            // Ordered by how often each field occurs: posts dominate every real file.
            if (reader.ValueTextEquals("kind"u8)) kind = ReadString(ref reader, "kind");
            else if (reader.ValueTextEquals("v"u8)) version = ReadInt64(ref reader, "v");
            else if (reader.ValueTextEquals("id"u8)) id = ReadString(ref reader, "id");
            else if (reader.ValueTextEquals("author_id"u8)) authorId = ReadString(ref reader, "author_id");
            else if (reader.ValueTextEquals("created_at"u8)) createdAt = ReadTime(ref reader, "created_at");
            else if (reader.ValueTextEquals("text"u8)) text = ReadString(ref reader, "text");
            else if (reader.ValueTextEquals("lang"u8)) lang = ReadString(ref reader, "lang");
            else if (reader.ValueTextEquals("views"u8)) views = ReadInt64(ref reader, "views");
            else if (reader.ValueTextEquals("hashtags"u8)) hashtags = ReadStrings(ref reader, "hashtags");
            else if (reader.ValueTextEquals("mentions"u8)) mentions = ReadStrings(ref reader, "mentions");
            else if (reader.ValueTextEquals("urls"u8)) urls = ReadStrings(ref reader, "urls");
            else if (reader.ValueTextEquals("reply_to_id"u8)) replyToId = ReadString(ref reader, "reply_to_id");
            else if (reader.ValueTextEquals("quote_of_id"u8)) quoteOfId = ReadString(ref reader, "quote_of_id");
            else if (reader.ValueTextEquals("repost_of_id"u8)) repostOfId = ReadString(ref reader, "repost_of_id");
            else if (reader.ValueTextEquals("type"u8)) type = ReadString(ref reader, "type");
            else if (reader.ValueTextEquals("account_id"u8)) accountId = ReadString(ref reader, "account_id");
            else if (reader.ValueTextEquals("post_id"u8)) postId = ReadString(ref reader, "post_id");
            else if (reader.ValueTextEquals("at"u8)) at = ReadTime(ref reader, "at");
            else if (reader.ValueTextEquals("count"u8)) count = ReadInt64(ref reader, "count");
            else if (reader.ValueTextEquals("handle"u8)) handle = ReadString(ref reader, "handle");
            else if (reader.ValueTextEquals("display_name"u8)) displayName = ReadString(ref reader, "display_name");
            else if (reader.ValueTextEquals("followers"u8)) followers = ReadInt64(ref reader, "followers");
            else if (reader.ValueTextEquals("following"u8)) following = ReadInt64(ref reader, "following");
            else if (reader.ValueTextEquals("post_count"u8)) postCount = ReadInt64(ref reader, "post_count");
            else if (reader.ValueTextEquals("listed"u8)) listed = ReadInt64(ref reader, "listed");
            else if (reader.ValueTextEquals("verified"u8)) verified = ReadBoolean(ref reader, "verified");
            else if (reader.ValueTextEquals("paid_tier"u8)) paidTier = ReadBoolean(ref reader, "paid_tier");
            else if (reader.ValueTextEquals("description"u8)) description = ReadString(ref reader, "description");
            else if (reader.ValueTextEquals("default_profile"u8)) defaultProfile = ReadBoolean(ref reader, "default_profile");
            else if (reader.ValueTextEquals("default_profile_image"u8)) defaultProfileImage = ReadBoolean(ref reader, "default_profile_image");
            else if (reader.ValueTextEquals("suspended_at"u8)) suspendedAt = ReadTime(ref reader, "suspended_at");
            else if (reader.ValueTextEquals("restored_at"u8)) restoredAt = ReadTime(ref reader, "restored_at");
            else reader.Skip();
        }
        if (reader.TokenType != JsonTokenType.EndObject || reader.Read()) throw new InvalidRecordException("not a single JSON object");

        if (version is null) throw Missing("v");
        if (version != VigilJsonl.Version)
            throw new InvalidRecordException($"unsupported format version v={version} (this reader takes v={VigilJsonl.Version})");

        switch (kind)
        {
            case VigilJsonl.Kinds.Post:
                sink.Add(new Post
                {
                    Id = Required(id, "id"),
                    AuthorId = Required(authorId, "author_id"),
                    CreatedAt = createdAt ?? throw Missing("created_at"),
                    Text = text ?? "",
                    Language = lang,
                    ReplyToId = replyToId,
                    QuoteOfId = quoteOfId,
                    RepostOfId = repostOfId,
                    Hashtags = hashtags,
                    Mentions = mentions,
                    Urls = urls,
                    Views = NotNegative(views, "views"),
                });
                break;
            case VigilJsonl.Kinds.Account:
                sink.Add(new Account
                {
                    Id = Required(id, "id"),
                    Handle = Required(handle, "handle"),
                    DisplayName = displayName ?? "",
                    CreatedAt = createdAt ?? default,
                    Followers = NotNegative(followers, "followers"),
                    Following = NotNegative(following, "following"),
                    PostCount = NotNegative(postCount, "post_count"),
                    Listed = NotNegative(listed, "listed"),
                    Verified = verified,
                    PaidTier = paidTier,
                    Description = description ?? "",
                    DefaultProfile = defaultProfile,
                    DefaultProfileImage = defaultProfileImage,
                    SuspendedAt = suspendedAt,
                    RestoredAt = restoredAt,
                });
                break;
            case VigilJsonl.Kinds.Interaction:
                sink.Add(new Interaction
                {
                    Kind = InteractionKinds.TryParse(Required(type, "type"), out var interactionKind)
                        ? interactionKind
                        : throw new InvalidRecordException($"unknown interaction type '{type}' (expected repost, quote, reply, like or view)"),
                    AccountId = Required(accountId, "account_id"),
                    PostId = Required(postId, "post_id"),
                    At = at ?? throw Missing("at"),
                    Count = count >= 1 ? count : throw Invalid("count", "a positive integer"),
                });
                break;
            case null:
                throw Missing("kind");
            default:
                throw new InvalidRecordException($"unknown kind '{kind}' (expected account, post or interaction)");
        }
    }

    private static string Required(string? value, string field) => string.IsNullOrEmpty(value) ? throw Missing(field) : value;

    private static long NotNegative(long value, string field) => value >= 0 ? value : throw Invalid(field, "a non-negative integer");
}
