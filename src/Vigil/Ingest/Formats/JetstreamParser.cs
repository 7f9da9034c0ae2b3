using System.Text.Json;
using Vigil.Model;
using static Vigil.Ingest.JsonValues;

namespace Vigil.Ingest.Formats;

/// <summary>
/// Bluesky Jetstream events, one a line. Creates of posts, reposts and likes are taken; every other event (identity,
/// account, follows, deletes, updates) is well-formed but not modelled, and is counted as ignored. Ids are AT URIs,
/// <c>at://DID/COLLECTION/RKEY</c>, the form other records use to refer to them. A repost is kept both as a post
/// (so reposted content has its own row, as on X) and as a repost interaction. Both schemas are read: today's
/// (<c>kind: commit</c>, <c>commit.operation: create</c>) and the one before October 2024 (<c>type: com</c>,
/// <c>commit.type: c</c>), which archives made then still hold.
/// </summary>
internal sealed class JetstreamParser : IRecordParser
{
    private const string PostCollection = "app.bsky.feed.post";
    private const string RepostCollection = "app.bsky.feed.repost";
    private const string LikeCollection = "app.bsky.feed.like";

    public ScanMode Mode => ScanMode.Lines;

    public void Parse(ReadOnlySpan<byte> utf8, long line, IRecordSink sink)
    {
        var reader = new Utf8JsonReader(utf8);
        using var document = JsonDocument.ParseValue(ref reader);
        var evt = document.RootElement;
        if (evt.ValueKind != JsonValueKind.Object) throw new InvalidRecordException("not a JSON object (a Jetstream event)");

        var did = RequiredString(evt, "did");
        var commit = Child(evt, "commit");
        var (kind, operation) = evt.TryGetProperty("kind", out _)
            ? (OptionalString(evt, "kind"), OptionalString(commit, "operation"))
            : (OldSchemaName(OptionalString(evt, "type")), OldSchemaName(OptionalString(commit, "type")));
        if (kind is null) throw new InvalidRecordException("neither 'kind' nor 'type': not a Jetstream event");
        if (kind != "commit" || operation != "create")
        {
            sink.Ignore();
            return;
        }
        var collection = RequiredString(commit, "collection");
        if (collection is not (PostCollection or RepostCollection or LikeCollection))
        {
            sink.Ignore();
            return;
        }

        var record = Child(commit, "record");
        if (record.ValueKind != JsonValueKind.Object) throw Missing("commit.record");
        var uri = $"at://{did}/{collection}/{RequiredString(commit, "rkey")}";
        // createdAt is what the client claims; the relay's time_us is the fallback when a client left it out.
        var at = OptionalTime(record, "createdAt") ?? DateTimeOffset.FromUnixTimeMilliseconds(OptionalInt64(evt, "time_us") / 1000);

        if (collection == LikeCollection)
        {
            sink.Add(new Interaction { Kind = InteractionKind.Like, AccountId = did, PostId = SubjectUri(record), At = at });
            return;
        }

        var post = collection == RepostCollection
            ? new Post { Id = uri, AuthorId = did, CreatedAt = at, RepostOfId = SubjectUri(record) }
            : MapPost(record, uri, did, at);
        PlatformPosts.Add(post, sink);
    }

    /// <summary>The pre-October-2024 schema's abbreviations: event types com/id/acc, commit types c/u/d.</summary>
    private static string? OldSchemaName(string? abbreviation) => abbreviation switch
    {
        "com" => "commit",
        "id" => "identity",
        "acc" => "account",
        "c" => "create",
        "u" => "update",
        "d" => "delete",
        _ => abbreviation,
    };

    private static string SubjectUri(JsonElement record) => Child(record, "subject") is { ValueKind: JsonValueKind.Object } subject
        ? RequiredString(subject, "uri")
        : throw Missing("subject.uri");

    private static Post MapPost(JsonElement record, string uri, string did, DateTimeOffset at)
    {
        List<string> hashtags = [], mentions = [], urls = [];
        if (Child(record, "facets") is { ValueKind: JsonValueKind.Array } facets)
        {
            foreach (var facet in facets.EnumerateArray())
            {
                if (Child(facet, "features") is not { ValueKind: JsonValueKind.Array } features) continue;
                foreach (var feature in features.EnumerateArray())
                {
                    switch (OptionalString(feature, "$type"))
                    {
                        case "app.bsky.richtext.facet#tag": AddIfAny(hashtags, OptionalString(feature, "tag")); break;
                        case "app.bsky.richtext.facet#mention": AddIfAny(mentions, OptionalString(feature, "did")); break;
                        case "app.bsky.richtext.facet#link": AddIfAny(urls, OptionalString(feature, "uri")); break;
                    }
                }
            }
        }
        if (Child(record, "tags") is { ValueKind: JsonValueKind.Array } tags)
        {
            foreach (var tag in tags.EnumerateArray())
            {
                if (tag.ValueKind == JsonValueKind.String) AddIfAny(hashtags, tag.GetString());
            }
        }

        var embed = Child(record, "embed");
        AddIfAny(urls, OptionalString(Child(embed, "external"), "uri"));
        // A quote embeds the quoted record directly, or inside recordWithMedia when it also carries images.
        var quoted = OptionalString(embed, "$type") == "app.bsky.embed.recordWithMedia"
            ? OptionalString(Child(Child(embed, "record"), "record"), "uri")
            : OptionalString(Child(embed, "record"), "uri");

        return new Post
        {
            Id = uri,
            AuthorId = did,
            CreatedAt = at,
            Text = OptionalString(record, "text") ?? "",
            Language = Child(record, "langs") is { ValueKind: JsonValueKind.Array } langs && langs.GetArrayLength() > 0 &&
                       langs[0].ValueKind == JsonValueKind.String ? langs[0].GetString() : null,
            ReplyToId = OptionalString(Child(Child(record, "reply"), "parent"), "uri"),
            QuoteOfId = quoted is not null && quoted.Contains($"/{PostCollection}/", StringComparison.Ordinal) ? quoted : null,
            Hashtags = hashtags,
            Mentions = mentions,
            Urls = urls,
        };
    }

    private static void AddIfAny(List<string> values, string? value)
    {
        if (!string.IsNullOrEmpty(value)) values.Add(value);
    }
}
