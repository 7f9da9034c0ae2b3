using System.Text.Json;
using Vigil.Model;
using static Vigil.Ingest.JsonValues;

namespace Vigil.Ingest.Formats;

/// <summary>
/// X API v2 search and timeline responses: tweets in <c>data</c> (and referenced tweets in <c>includes.tweets</c>),
/// authors in <c>includes.users</c>. One bad tweet or user is quarantined on its own and the rest of the response is
/// taken. A retweet, quote or reply is a post and also an interaction by its author on the referenced tweet.
/// </summary>
internal sealed class XApiV2Parser : IRecordParser
{
    public ScanMode Mode => ScanMode.JsonValues;

    public void Parse(ReadOnlySpan<byte> utf8, long line, IRecordSink sink)
    {
        var reader = new Utf8JsonReader(utf8);
        using var document = JsonDocument.ParseValue(ref reader);
        var response = document.RootElement;
        if (response.ValueKind != JsonValueKind.Object) throw new InvalidRecordException("not a JSON object (an X API v2 response)");

        var data = Child(response, "data");
        var includes = Child(response, "includes");
        if (data.ValueKind == JsonValueKind.Undefined && includes.ValueKind == JsonValueKind.Undefined &&
            Child(response, "errors") is { ValueKind: JsonValueKind.Array } errors && errors.GetArrayLength() > 0)
            throw new InvalidRecordException($"the response holds only errors: {errors[0].GetRawText()}");

        ForEach(Child(includes, "users"), "includes.users", line, sink, static (user, sink) => sink.Add(MapUser(user)));
        ForEach(data, "data", line, sink, AddTweet);
        ForEach(Child(includes, "tweets"), "includes.tweets", line, sink, AddTweet);
    }

    private static void ForEach(JsonElement items, string path, long line, IRecordSink sink, Action<JsonElement, IRecordSink> add)
    {
        if (items.ValueKind == JsonValueKind.Object)
        {
            AddOne(items, path, line, sink, add);
            return;
        }
        if (items.ValueKind != JsonValueKind.Array) return;
        var index = 0;
        foreach (var item in items.EnumerateArray()) AddOne(item, $"{path}[{index++}]", line, sink, add);
    }

    private static void AddOne(JsonElement item, string path, long line, IRecordSink sink, Action<JsonElement, IRecordSink> add)
    {
        try
        {
            add(item, sink);
        }
        catch (InvalidRecordException e)
        {
            sink.Reject(line, $"{path}: {e.Message}", item.GetRawText());
        }
    }

    private static Account MapUser(JsonElement user)
    {
        var metrics = Child(user, "public_metrics");
        return new Account
        {
            Id = RequiredString(user, "id"),
            Handle = RequiredString(user, "username"),
            DisplayName = OptionalString(user, "name") ?? "",
            CreatedAt = OptionalTime(user, "created_at") ?? default,
            Description = OptionalString(user, "description") ?? "",
            Verified = OptionalBoolean(user, "verified"),
            // "blue" is the paid tier; "business" and "government" are organisational verification.
            PaidTier = OptionalString(user, "verified_type") == "blue",
            Followers = OptionalInt64(metrics, "followers_count"),
            Following = OptionalInt64(metrics, "following_count"),
            PostCount = OptionalInt64(metrics, "tweet_count"),
            Listed = OptionalInt64(metrics, "listed_count"),
            DefaultProfileImage = OptionalString(user, "profile_image_url")?.Contains("default_profile_images", StringComparison.Ordinal) ?? false,
        };
    }

    private static void AddTweet(JsonElement tweet, IRecordSink sink)
    {
        string? replyTo = null, quoteOf = null, repostOf = null;
        if (Child(tweet, "referenced_tweets") is { ValueKind: JsonValueKind.Array } references)
        {
            foreach (var reference in references.EnumerateArray())
            {
                var id = RequiredString(reference, "id");
                switch (OptionalString(reference, "type"))
                {
                    case "replied_to": replyTo = id; break;
                    case "quoted": quoteOf = id; break;
                    case "retweeted": repostOf = id; break;
                }
            }
        }

        var entities = Child(tweet, "entities");
        var post = new Post
        {
            Id = RequiredString(tweet, "id"),
            AuthorId = RequiredString(tweet, "author_id"),
            CreatedAt = RequiredTime(tweet, "created_at"),
            Text = OptionalString(tweet, "text") ?? "",
            Language = OptionalString(tweet, "lang"),
            ReplyToId = replyTo,
            QuoteOfId = quoteOf,
            RepostOfId = repostOf,
            Hashtags = Strings(Child(entities, "hashtags"), "tag", null),
            Mentions = Strings(Child(entities, "mentions"), "username", null),
            Urls = Strings(Child(entities, "urls"), "expanded_url", "url"),
            Views = OptionalInt64(Child(tweet, "public_metrics"), "impression_count"),
        };
        sink.Add(post);
        PostInteractions.Add(post, sink);
    }

    private static IReadOnlyList<string> Strings(JsonElement items, string field, string? fallbackField)
    {
        if (items.ValueKind != JsonValueKind.Array || items.GetArrayLength() == 0) return [];
        var values = new List<string>(items.GetArrayLength());
        foreach (var item in items.EnumerateArray())
        {
            if ((OptionalString(item, field) ?? (fallbackField is null ? null : OptionalString(item, fallbackField))) is { Length: > 0 } value)
                values.Add(value);
        }
        return values;
    }
}
