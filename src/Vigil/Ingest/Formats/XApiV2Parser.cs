using System.Text.Json;
using Vigil.Model;
using static Vigil.Ingest.JsonValues;

namespace Vigil.Ingest.Formats;

/// <summary>
/// X API v2 data in the shapes researchers keep it:
/// <list type="bullet">
/// <item>responses (search, timelines, tweet and user lookups): tweets in <c>data</c> and <c>includes.tweets</c>,
/// users in <c>includes.users</c>, or users in <c>data</c> for a user lookup;</item>
/// <item>single tweets or users one a line, including twarc2's flattened tweets, whose author
/// (<c>author</c>), the user replied to (<c>in_reply_to_user</c>) and referenced tweets are inlined.</item>
/// </list>
/// One bad tweet or user is quarantined on its own and the rest of the response is taken. An object of another kind (a
/// list, a tweet count) is quarantined with what it is; a page with nothing in it (<c>meta</c> only) is ignored.
/// </summary>
internal sealed class XApiV2Parser : IRecordParser
{
    public ScanMode Mode => ScanMode.JsonValues;

    /// <summary>A response of 500 tweets with their expansions approaches 1 MiB: responses get the larger limit.</summary>
    public bool RecordsAreResponses => true;

    public void Parse(ReadOnlySpan<byte> utf8, long line, IRecordSink sink)
    {
        var reader = new Utf8JsonReader(utf8);
        using var document = JsonDocument.ParseValue(ref reader);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object) throw new InvalidRecordException("not a JSON object (an X API v2 response or tweet)");

        if (!IsResponse(root))
        {
            // A tweet or user on its own: a failure quarantines the line, with the reason saying which it was taken for.
            AddItem(root, sink);
            return;
        }

        var data = Child(root, "data");
        var includes = Child(root, "includes");
        var errors = Child(root, "errors");
        var noData = data.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null ||
                     (data.ValueKind == JsonValueKind.Array && data.GetArrayLength() == 0);
        if (noData && includes.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            if (errors is { ValueKind: JsonValueKind.Array } && errors.GetArrayLength() > 0)
                throw new InvalidRecordException($"the response holds only errors: {errors[0].GetRawText()}");
            // An empty page (meta.result_count 0): well-formed, nothing to take.
            sink.Ignore();
            return;
        }

        ForEach(Child(includes, "users"), "includes.users", line, sink, static (user, sink) => sink.Add(MapUser(user)));
        ForEach(data, "data", line, sink, AddItem);
        ForEach(Child(includes, "tweets"), "includes.tweets", line, sink, AddTweet);
    }

    private static bool IsResponse(JsonElement root) =>
        root.TryGetProperty("data", out _) || root.TryGetProperty("includes", out _) || root.TryGetProperty("meta", out _) ||
        root.TryGetProperty("errors", out _);

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

    /// <summary>A tweet, or a user (a user lookup's <c>data</c>): told apart by <c>text</c> and <c>username</c>.</summary>
    private static void AddItem(JsonElement item, IRecordSink sink)
    {
        if (item.ValueKind != JsonValueKind.Object) throw new InvalidRecordException("not a JSON object (a tweet or a user)");
        var isTweet = item.TryGetProperty("text", out _) || item.TryGetProperty("author_id", out _) || item.TryGetProperty("note_tweet", out _);
        if (isTweet)
        {
            AddTweet(item, sink);
        }
        else if (item.TryGetProperty("username", out _))
        {
            sink.Add(MapUser(item));
        }
        else
        {
            var fields = item.EnumerateObject().Select(p => p.Name).Take(6);
            throw new InvalidRecordException(
                $"neither a tweet (no 'text') nor a user (no 'username'): an X API v2 object of another kind (fields: {string.Join(", ", fields)})");
        }
    }

    private static Account MapUser(JsonElement user)
    {
        if (user.ValueKind != JsonValueKind.Object) throw new InvalidRecordException("not a JSON object (a user)");
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

    /// <summary>
    /// A tweet, and what a flattened tweet carries inlined: its author, the user it replies to, and the tweets it
    /// references when their content is there (an id and a type alone is a reference, not a tweet to store).
    /// </summary>
    private static void AddTweet(JsonElement tweet, IRecordSink sink)
    {
        if (tweet.ValueKind != JsonValueKind.Object) throw new InvalidRecordException("not a JSON object (a tweet)");
        var post = MapTweet(tweet);
        var author = Child(tweet, "author");
        var repliedToUser = Child(tweet, "in_reply_to_user");
        // Map every inlined part before adding anything, so that a bad one quarantines the tweet whole.
        var authorAccount = author.ValueKind == JsonValueKind.Object ? MapUser(author) : null;
        var repliedToAccount = repliedToUser.ValueKind == JsonValueKind.Object ? MapUser(repliedToUser) : null;
        var referenced = new List<(Post Post, Account? Author)>();
        if (Child(tweet, "referenced_tweets") is { ValueKind: JsonValueKind.Array } references)
        {
            foreach (var reference in references.EnumerateArray())
            {
                if (!reference.TryGetProperty("author_id", out _)) continue;
                var referencedAuthor = Child(reference, "author");
                referenced.Add((MapTweet(reference), referencedAuthor.ValueKind == JsonValueKind.Object ? MapUser(referencedAuthor) : null));
            }
        }

        if (authorAccount is not null) sink.Add(authorAccount);
        if (repliedToAccount is not null) sink.Add(repliedToAccount);
        foreach (var (referencedPost, referencedAuthor) in referenced)
        {
            if (referencedAuthor is not null) sink.Add(referencedAuthor);
            PlatformPosts.Add(referencedPost, sink);
        }
        PlatformPosts.Add(post, sink);
    }

    private static Post MapTweet(JsonElement tweet)
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

        // A post over 280 characters comes whole in note_tweet, with its own entities; `text` is its first 280.
        var note = Child(tweet, "note_tweet");
        var longText = OptionalString(note, "text");
        var entities = longText is not null && Child(note, "entities") is { ValueKind: JsonValueKind.Object } noteEntities
            ? noteEntities
            : Child(tweet, "entities");
        return new Post
        {
            Id = RequiredString(tweet, "id"),
            AuthorId = RequiredString(tweet, "author_id"),
            CreatedAt = RequiredTime(tweet, "created_at"),
            Text = longText ?? OptionalString(tweet, "text") ?? "",
            Language = OptionalString(tweet, "lang"),
            ReplyToId = replyTo,
            QuoteOfId = quoteOf,
            RepostOfId = repostOf,
            Hashtags = Strings(Child(entities, "hashtags"), "tag", null),
            Mentions = Strings(Child(entities, "mentions"), "username", null),
            Urls = Strings(Child(entities, "urls"), "expanded_url", "url"),
            Views = OptionalInt64(Child(tweet, "public_metrics"), "impression_count"),
        };
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
