using System.Globalization;
using System.Text.Json;
using Vigil.Ingest;
using Vigil.Model;
using Vigil.Text;

namespace Vigil.Bots;

/// <summary>What <see cref="AccountLines"/> read: profiles, the posts and interactions that came with them, and the lines set aside.</summary>
public sealed record AccountLinesResult(
    IReadOnlyList<AccountProfile> Profiles,
    IReadOnlyList<Post> Posts,
    IReadOnlyList<Interaction> Interactions,
    IReadOnlyList<string> SetAside);

/// <summary>
/// Reads accounts for scoring, one JSON object a line: Vigil JSONL v1 (<c>account</c> lines, with <c>post</c> lines
/// kept for behaviour features and <c>interaction</c> lines for amplification) or X API v2 user objects (bare, or as
/// a response: <c>{"data": {...}}</c> or <c>{"data": [...]}</c>). Vigil lines go through the ingest parser
/// (<see cref="VigilJsonlReader"/>), so they are valid here exactly when <c>vigil ingest</c> takes them; X user objects
/// are read here, for the fields bots need. Bad lines are set aside as <c>source:line: reason</c> and the rest goes on.
/// </summary>
public static class AccountLines
{
    /// <param name="countsTakenAt">When the counts in the file were taken (age is measured to then).</param>
    public static AccountLinesResult Read(TextReader reader, string source, DateTimeOffset countsTakenAt)
    {
        var profiles = new List<AccountProfile>();
        var posts = new List<Post>();
        var interactions = new List<Interaction>();
        var setAside = new List<string>();
        var vigilLines = new VigilLineSink(profiles, posts, interactions, setAside, source, countsTakenAt);
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
                if (root.TryGetProperty("kind", out _))
                {
                    VigilJsonlReader.ParseLine(line, lineNumber, vigilLines);
                }
                else if (root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Array)
                {
                    // A whole users-lookup response on one line: all of its users or, if one is bad, none of them.
                    var users = new List<AccountProfile>(data.GetArrayLength());
                    foreach (var user in data.EnumerateArray()) users.Add(FromXUser(user, countsTakenAt));
                    profiles.AddRange(users);
                }
                else
                {
                    profiles.Add(FromXUser(root.TryGetProperty("data", out var single) ? single : root, countsTakenAt));
                }
            }
            catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or KeyNotFoundException)
            {
                setAside.Add($"{source}:{lineNumber}: {e.Message}");
            }
        }
        return new AccountLinesResult(profiles, posts, interactions, setAside);
    }

    /// <summary>
    /// X API v2 user object. <c>verified_type</c> "blue" is the paid tier; "business" and "government" are
    /// organisational verification. The default avatar shows in <c>profile_image_url</c> when the flag is absent.
    /// </summary>
    private static AccountProfile FromXUser(JsonElement u, DateTimeOffset countsTakenAt)
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
            DescriptionLength = OptionalString(u, "description")?.Length,
            Followers = metrics.ValueKind == JsonValueKind.Object ? OptionalNumber(metrics, "followers_count") : null,
            Following = metrics.ValueKind == JsonValueKind.Object ? OptionalNumber(metrics, "following_count") : null,
            Posts = metrics.ValueKind == JsonValueKind.Object ? OptionalNumber(metrics, "tweet_count") : null,
            Listed = metrics.ValueKind == JsonValueKind.Object ? OptionalNumber(metrics, "listed_count") : null,
            AgeDays = Age(OptionalTime(u, "created_at"), countsTakenAt),
            Verified = verifiedType is null ? OptionalBool(u, "verified") : verifiedType is "business" or "government",
            PaidTier = verifiedType is null ? null : verifiedType == "blue",
            DefaultProfile = OptionalBool(u, "default_profile"),
            DefaultProfileImage = defaultImage,
        };
    }

    private static double? Age(DateTimeOffset? created, DateTimeOffset countsTakenAt) =>
        created is { } c ? Math.Max(0, (countsTakenAt - c).TotalDays) : null;

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

    /// <summary>Where the Vigil lines go: the ingest parser reads them, this keeps what bots and amplification use.</summary>
    private sealed class VigilLineSink(List<AccountProfile> profiles, List<Post> posts, List<Interaction> interactions,
        List<string> setAside, string source, DateTimeOffset countsTakenAt) : IRecordSink
    {
        public void Add(Account account) => profiles.Add(AccountProfile.FromAccount(account, countsTakenAt));
        public void Add(Post post) => posts.Add(post);
        public void Add(Interaction interaction) => interactions.Add(interaction);
        public void Reject(long line, string reason, string raw) => setAside.Add($"{source}:{line}: {reason}");
        // Vigil JSONL models every kind it has: nothing to count.
        public void Ignore() { }
    }
}
