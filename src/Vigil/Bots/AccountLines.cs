using System.Globalization;
using System.Text.Json;
using Vigil.Ingest;
using Vigil.Model;
using Vigil.Text;

namespace Vigil.Bots;

/// <summary>
/// What <see cref="AccountLines"/> read: profiles (one per account, the last line about it winning), the posts and
/// interactions that came with them, and the lines set aside. Ages are not measured yet: <see cref="Observe"/> does
/// that once the whole input is known, by the one rule every command uses (<see cref="ObservationTime"/>).
/// </summary>
public sealed record AccountLinesResult(
    IReadOnlyList<AccountProfile> Profiles,
    IReadOnlyList<Post> Posts,
    IReadOnlyList<Interaction> Interactions,
    IReadOnlyList<string> SetAside)
{
    /// <summary>The observation time for this input and the profiles with their ages measured to it.</summary>
    public (Observation Observation, IReadOnlyList<AccountProfile> Profiles) Observe(DateTimeOffset? asOf, TimeProvider time)
    {
        var observation = ObservationTime.Resolve(asOf, Posts, time);
        return (observation, Profiles.Select(p => p.ObservedAt(observation.At)).ToArray());
    }
}

/// <summary>
/// Reads accounts for scoring, one JSON object a line, each platform from its own export:
/// <list type="bullet">
/// <item>Vigil JSONL v1 (<c>account</c> lines, with <c>post</c> lines kept for behaviour features and
/// <c>interaction</c> lines for amplification), through the ingest parser, so valid here exactly when
/// <c>vigil ingest</c> takes them;</item>
/// <item>X API v2 user objects (bare, or as a response: <c>{"data": {...}}</c> or <c>{"data": [...]}</c>);</item>
/// <item>Mastodon Account entities (<c>acct</c>, <c>followers_count</c>, the <c>bot</c> flag), and Mastodon statuses
/// (through the ingest parser: their posts give behaviour);</item>
/// <item>Bluesky Jetstream events: <c>app.bsky.actor.profile</c> records give the profile (a Bluesky profile record
/// holds no counts), <c>identity</c> events the handle, and post, repost and like events go through the ingest parser.</item>
/// </list>
/// Bad lines are set aside as <c>source:line: reason</c> and the rest goes on.
/// </summary>
public static class AccountLines
{
    private const string BlueskyProfileCollection = "app.bsky.actor.profile";

    public static AccountLinesResult Read(TextReader reader, string source)
    {
        var profiles = new Dictionary<string, AccountProfile>(StringComparer.Ordinal);
        var handles = new Dictionary<string, string>(StringComparer.Ordinal);
        var posts = new List<Post>();
        var interactions = new List<Interaction>();
        var setAside = new List<string>();
        var sink = new LineSink(profiles, posts, interactions, setAside, source);
        var jetstream = new Ingest.Formats.JetstreamParser();
        var mastodon = new Ingest.Formats.MastodonParser();
        var lineNumber = 0;
        while (Utf8Input.TryReadLine(reader, out var line, out var problem))
        {
            lineNumber++;
            if (problem is not null)
            {
                setAside.Add($"{source}:{lineNumber}: {problem}");
                continue;
            }
            if (string.IsNullOrWhiteSpace(line)) continue;
            try
            {
                using var document = JsonDocument.Parse(line);
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object) throw new FormatException("not a JSON object");
                if (root.TryGetProperty("did", out _))
                {
                    if (BlueskyProfile(root) is { } profile) Keep(profiles, profile);
                    else if (root.TryGetProperty("identity", out var identity) && identity.ValueKind == JsonValueKind.Object &&
                             OptionalString(identity, "handle") is { Length: > 0 } handle)
                        handles[RequiredString(root, "did")] = handle;
                    else jetstream.Parse(System.Text.Encoding.UTF8.GetBytes(line), lineNumber, sink);
                }
                else if (root.TryGetProperty("kind", out _))
                {
                    VigilJsonlReader.ParseLine(line, lineNumber, sink);
                }
                else if (root.TryGetProperty("acct", out _))
                {
                    Keep(profiles, FromMastodonAccount(root));
                }
                else if (root.TryGetProperty("account", out var account) && account.ValueKind == JsonValueKind.Object)
                {
                    mastodon.Parse(System.Text.Encoding.UTF8.GetBytes(line), lineNumber, sink);
                }
                else if (root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Array)
                {
                    // A whole users-lookup response on one line: all of its users or, if one is bad, none of them.
                    var users = new List<AccountProfile>(data.GetArrayLength());
                    foreach (var user in data.EnumerateArray()) users.Add(FromXUser(user));
                    foreach (var user in users) Keep(profiles, user);
                }
                else
                {
                    Keep(profiles, FromXUser(root.TryGetProperty("data", out var single) ? single : root));
                }
            }
            catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or KeyNotFoundException or IngestException or InvalidRecordException)
            {
                setAside.Add($"{source}:{lineNumber}: {e.Message}");
            }
        }
        var read = profiles.Values.Select(p => p.Handle is null && handles.TryGetValue(p.Id, out var h)
            ? p with { Handle = AccountProfile.LocalPart(h), HandleLength = AccountProfile.LocalPart(h).Length }
            : p).ToArray();
        return new AccountLinesResult(read, posts, interactions, setAside);
    }

    /// <summary>The last profile line about an account wins.</summary>
    private static void Keep(Dictionary<string, AccountProfile> profiles, AccountProfile profile) => profiles[profile.Id] = profile;

    /// <summary>
    /// A Jetstream commit creating or updating an <c>app.bsky.actor.profile</c> record; null for any other event.
    /// The avatar is a blob reference when set, so its absence is the default image.
    /// </summary>
    private static AccountProfile? BlueskyProfile(JsonElement evt)
    {
        if (!evt.TryGetProperty("commit", out var commit) || commit.ValueKind != JsonValueKind.Object ||
            OptionalString(commit, "collection") != BlueskyProfileCollection ||
            OptionalString(commit, "operation") is not ("create" or "update"))
            return null;
        if (!commit.TryGetProperty("record", out var record) || record.ValueKind != JsonValueKind.Object)
            throw new FormatException("profile commit without a record");
        return new AccountProfile
        {
            Id = RequiredString(evt, "did"),
            DisplayName = OptionalString(record, "displayName"),
            Description = OptionalString(record, "description"),
            DefaultProfileImage = !record.TryGetProperty("avatar", out var avatar) || avatar.ValueKind == JsonValueKind.Null,
            CreatedAt = OptionalTime(record, "createdAt"),
        };
    }

    /// <summary>
    /// A Mastodon Account entity. The handle is the local part of <c>acct</c>; the note is HTML. <c>bot</c> is the
    /// account's own declaration, kept as <see cref="AccountProfile.DeclaredBot"/> (weak evidence, not a label).
    /// </summary>
    private static AccountProfile FromMastodonAccount(JsonElement a)
    {
        var handle = OptionalString(a, "username") is { Length: > 0 } username ? username : AccountProfile.LocalPart(RequiredString(a, "acct"));
        return new AccountProfile
        {
            Id = RequiredString(a, "id"),
            Handle = handle,
            HandleLength = handle.Length,
            DisplayName = OptionalString(a, "display_name"),
            Description = Ingest.Formats.HtmlText.ToPlain(OptionalString(a, "note") ?? "", links: null),
            Followers = OptionalNumber(a, "followers_count"),
            Following = OptionalNumber(a, "following_count"),
            Posts = OptionalNumber(a, "statuses_count"),
            CreatedAt = OptionalTime(a, "created_at"),
            DefaultProfileImage = OptionalString(a, "avatar")?.EndsWith("/missing.png", StringComparison.Ordinal),
            DeclaredBot = OptionalBool(a, "bot"),
        };
    }

    /// <summary>
    /// X API v2 user object. <c>verified_type</c> "blue" is the paid tier; "business" and "government" are
    /// organisational verification. The default avatar shows in <c>profile_image_url</c> when the flag is absent.
    /// </summary>
    private static AccountProfile FromXUser(JsonElement u)
    {
        var handle = RequiredString(u, "username");
        var verifiedType = OptionalString(u, "verified_type");
        var metrics = u.TryGetProperty("public_metrics", out var m) && m.ValueKind == JsonValueKind.Object ? m : default;
        bool? defaultImage = OptionalBool(u, "default_profile_image");
        if (defaultImage is null && OptionalString(u, "profile_image_url") is { } image)
            defaultImage = image.Contains("default_profile_images", StringComparison.Ordinal);
        return new AccountProfile
        {
            Id = RequiredString(u, "id"),
            Handle = handle,
            HandleLength = handle.Length,
            DisplayName = OptionalString(u, "name"),
            Description = OptionalString(u, "description"),
            DescriptionLength = OptionalString(u, "description")?.Length,
            Followers = metrics.ValueKind == JsonValueKind.Object ? OptionalNumber(metrics, "followers_count") : null,
            Following = metrics.ValueKind == JsonValueKind.Object ? OptionalNumber(metrics, "following_count") : null,
            Posts = metrics.ValueKind == JsonValueKind.Object ? OptionalNumber(metrics, "tweet_count") : null,
            Listed = metrics.ValueKind == JsonValueKind.Object ? OptionalNumber(metrics, "listed_count") : null,
            CreatedAt = OptionalTime(u, "created_at"),
            Verified = verifiedType is null ? OptionalBool(u, "verified") : verifiedType is "business" or "government",
            PaidTier = verifiedType is null ? null : verifiedType == "blue",
            DefaultProfile = OptionalBool(u, "default_profile"),
            DefaultProfileImage = defaultImage,
        };
    }

    private static string RequiredString(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } s
            ? s
            : throw new FormatException($"missing or empty '{name}'");

    private static string? OptionalString(JsonElement e, string name) =>
        !e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null ? null
        : v.ValueKind == JsonValueKind.String ? v.GetString()
        : throw new FormatException($"'{name}' is not a string");

    private static double? OptionalNumber(JsonElement e, string name) =>
        !e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null ? null
        : v.ValueKind == JsonValueKind.Number && v.GetDouble() >= 0 ? v.GetDouble()
        : throw new FormatException($"'{name}' is not a non-negative number");

    private static bool? OptionalBool(JsonElement e, string name) =>
        !e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null ? null
        : v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean()
        : throw new FormatException($"'{name}' is not true or false");

    private static DateTimeOffset? OptionalTime(JsonElement e, string name) =>
        OptionalString(e, name) is not { } text ? null
        : DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t
        : throw new FormatException($"'{name}' is not an ISO 8601 time: '{text}'");

    /// <summary>Where parsed lines go: the ingest parsers read them, this keeps what bots and amplification use.</summary>
    private sealed class LineSink(Dictionary<string, AccountProfile> profiles, List<Post> posts, List<Interaction> interactions,
        List<string> setAside, string source) : IRecordSink
    {
        // A status names its author with every post; an account line already read (with the bot flag, say) is kept.
        public void Add(Account account) => profiles.TryAdd(account.Id, AccountProfile.FromAccount(account));
        public void Add(Post post) => posts.Add(post);
        public void Add(Interaction interaction) => interactions.Add(interaction);
        public void Reject(long line, string reason, string raw) => setAside.Add($"{source}:{line}: {reason}");
        // Events bots do not use (follows, deletes): nothing to count here.
        public void Ignore() { }
    }
}
