using System.Text.Json;
using Vigil.Model;

namespace Vigil.Simulation;

/// <summary>How a coordinated cluster acts together.</summary>
public enum ClusterKind
{
    /// <summary>Members repost the same posts within seconds of each other.</summary>
    CoRetweet,
    /// <summary>Members post identical text (mentions aside) within seconds.</summary>
    CoTweetCopy,
    /// <summary>Members post light rewordings of one message within seconds.</summary>
    Paraphrase,
    /// <summary>Members post the same URL within seconds.</summary>
    CoLink,
}

/// <summary>The true label of one post. A repost carries the label of the post it reposts.</summary>
public readonly record struct PostTruth(string Id, ContentLabel Label);

/// <summary>Whether an account is a bot and which coordinated cluster, if any, it belongs to and how that cluster acts.</summary>
public readonly record struct AccountTruth(string Id, bool Bot, int? Cluster, ClusterKind? ClusterKind);

public sealed record ClusterTruth(int Id, ClusterKind Kind, IReadOnlyList<string> Members);

/// <summary>
/// True prevalence for one week (7 days from <see cref="WeekStart"/>). Counts cover original posts only (replies
/// included, reposts excluded), each counted in the week it was created; views are the original's view count, which
/// already includes the reach its reposts brought.
/// </summary>
public sealed record WeeklyPrevalence(DateOnly WeekStart, long Posts, long HatefulPosts, long AntisemiticPosts,
    long Views, long HatefulViews, long AntisemiticViews)
{
    public double HatefulShareOfPosts => Share(HatefulPosts, Posts);
    public double AntisemiticShareOfPosts => Share(AntisemiticPosts, Posts);
    public double HatefulShareOfViews => Share(HatefulViews, Views);
    public double AntisemiticShareOfViews => Share(AntisemiticViews, Views);

    private static double Share(long part, long whole) => whole == 0 ? 0 : (double)part / whole;
}

/// <summary>
/// Everything that is true of a simulated platform: what each post is, which accounts are bots and which act together,
/// and how much hate there really was each week. Written beside the JSONL files as <c>truth.json</c>.
/// </summary>
public sealed record SimulationTruth
{
    public const string Format = "vigil-simulation-truth";
    public const int FormatVersion = 1;

    public required SimulationOptions Options { get; init; }
    public required string TaxonomyVersion { get; init; }
    public required IReadOnlyList<PostTruth> Posts { get; init; }
    public required IReadOnlyList<AccountTruth> Accounts { get; init; }
    public required IReadOnlyList<ClusterTruth> Clusters { get; init; }
    public required IReadOnlyList<WeeklyPrevalence> Weeks { get; init; }

    public DateOnly RiseDate => Options.EffectiveRiseDate;

    /// <summary>
    /// Writes the compact layout of docs/SIMULATION.md: labels are listed once and posts refer to them by index, and
    /// per-post and per-account fields are parallel arrays, because a million posts as objects would dwarf the rest.
    /// </summary>
    public void Save(Stream stream)
    {
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = false });
        json.WriteStartObject();
        json.WriteString("format", Format);
        json.WriteNumber("version", FormatVersion);
        json.WriteNumber("seed", Options.Seed);
        WriteOptions(json);
        json.WriteString("taxonomy_version", TaxonomyVersion);
        json.WriteString("rise_date", RiseDate.ToString("yyyy-MM-dd"));

        var labelIndex = new Dictionary<ContentLabel, int>();
        var labels = new List<ContentLabel>();
        var postLabels = new int[Posts.Count];
        for (var i = 0; i < Posts.Count; i++)
        {
            var label = Posts[i].Label;
            if (!labelIndex.TryGetValue(label, out var index))
            {
                index = labels.Count;
                labelIndex.Add(label, index);
                labels.Add(label);
            }
            postLabels[i] = index;
        }

        json.WriteStartArray("labels");
        foreach (var label in labels) WriteLabel(json, label);
        json.WriteEndArray();

        json.WriteStartObject("posts");
        json.WriteStartArray("id");
        foreach (var post in Posts) json.WriteStringValue(post.Id);
        json.WriteEndArray();
        json.WriteStartArray("label");
        foreach (var index in postLabels) json.WriteNumberValue(index);
        json.WriteEndArray();
        json.WriteEndObject();

        json.WriteStartObject("accounts");
        json.WriteStartArray("id");
        foreach (var account in Accounts) json.WriteStringValue(account.Id);
        json.WriteEndArray();
        json.WriteStartArray("bot");
        foreach (var account in Accounts) json.WriteNumberValue(account.Bot ? 1 : 0);
        json.WriteEndArray();
        json.WriteStartArray("cluster");
        foreach (var account in Accounts)
        {
            if (account.Cluster is { } cluster) json.WriteNumberValue(cluster);
            else json.WriteNullValue();
        }
        json.WriteEndArray();
        json.WriteStartArray("cluster_kind");
        foreach (var account in Accounts)
        {
            if (account.ClusterKind is { } kind) json.WriteStringValue(Kebab.From(kind));
            else json.WriteNullValue();
        }
        json.WriteEndArray();
        json.WriteEndObject();

        json.WriteStartArray("clusters");
        foreach (var cluster in Clusters)
        {
            json.WriteStartObject();
            json.WriteNumber("id", cluster.Id);
            json.WriteString("kind", Kebab.From(cluster.Kind));
            json.WriteStartArray("members");
            foreach (var member in cluster.Members) json.WriteStringValue(member);
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndArray();

        json.WriteStartArray("weekly");
        foreach (var week in Weeks) WriteWeek(json, week);
        json.WriteEndArray();
        json.WriteEndObject();
    }

    public void Save(string path)
    {
        using var stream = File.Create(path);
        Save(stream);
    }

    /// <summary>Reads a truth file; a malformed one fails with the path and what was wrong.</summary>
    public static SimulationTruth Load(string path)
    {
        using var stream = File.OpenRead(path);
        try
        {
            using var document = JsonDocument.Parse(stream);
            return Read(document.RootElement);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new FormatException($"{path}: not a valid simulation truth file: {e.Message}", e);
        }
    }

    /// <summary>
    /// Each post's id, then each post's label, in the file's order, read token by token: what an oracle needs, in a
    /// fraction of <see cref="Load"/>'s memory. (A parsed document of a 10M-post truth file takes 700 MB of pooled
    /// buffers, which the pool then keeps for the rest of the process.)
    /// </summary>
    public static void ReadPostLabels(string path, Action<string> postId, Action<ContentLabel> postLabel)
    {
        try
        {
            var reader = new Utf8JsonReader(File.ReadAllBytes(path));
            string? format = null;
            var version = 0;
            var labels = new List<ContentLabel>();
            var labelIndexes = new List<int>();
            var ids = 0;
            Next(ref reader, JsonTokenType.StartObject);
            while (Next(ref reader) == JsonTokenType.PropertyName)
            {
                var name = reader.GetString();
                reader.Read();
                switch (name)
                {
                    case "format": format = reader.GetString(); break;
                    case "version": version = reader.GetInt32(); break;
                    case "labels":
                        while (Next(ref reader) == JsonTokenType.StartObject)
                        {
                            using var label = JsonDocument.ParseValue(ref reader);
                            labels.Add(ReadLabel(label.RootElement));
                        }
                        break;
                    case "posts":
                        while (Next(ref reader) == JsonTokenType.PropertyName)
                        {
                            var column = reader.GetString();
                            Next(ref reader, JsonTokenType.StartArray);
                            while (Next(ref reader) != JsonTokenType.EndArray)
                            {
                                if (column == "id") { postId(reader.GetString()!); ids++; }
                                else if (column == "label") labelIndexes.Add(reader.GetInt32());
                            }
                        }
                        break;
                    default: reader.Skip(); break;
                }
            }
            CheckFormat(format);
            CheckVersion(version);
            if (ids != labelIndexes.Count) throw new FormatException("posts.id and posts.label differ in length.");
            foreach (var index in labelIndexes) postLabel(labels[index]);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or ArgumentOutOfRangeException)
        {
            throw new FormatException($"{path}: not a valid simulation truth file: {e.Message}", e);
        }
    }

    private static void CheckFormat(string? format)
    {
        if (format != Format) throw new FormatException($"'format' is not '{Format}'.");
    }

    private static void CheckVersion(int version)
    {
        if (version != FormatVersion) throw new FormatException($"version {version} is not supported (expected {FormatVersion}).");
    }

    private static JsonTokenType Next(ref Utf8JsonReader reader, JsonTokenType? expected = null)
    {
        if (!reader.Read()) throw new FormatException("the file ends early.");
        if (expected is { } type && reader.TokenType != type) throw new FormatException($"expected {type} at byte {reader.TokenStartIndex}, found {reader.TokenType}.");
        return reader.TokenType;
    }

    private static SimulationTruth Read(JsonElement root)
    {
        CheckFormat(root.GetProperty("format").GetString());
        CheckVersion(root.GetProperty("version").GetInt32());

        var labels = new List<ContentLabel>();
        foreach (var element in root.GetProperty("labels").EnumerateArray()) labels.Add(ReadLabel(element));

        var postsElement = root.GetProperty("posts");
        var ids = postsElement.GetProperty("id");
        var labelIndexes = postsElement.GetProperty("label");
        if (ids.GetArrayLength() != labelIndexes.GetArrayLength())
            throw new FormatException("posts.id and posts.label differ in length.");
        var posts = new PostTruth[ids.GetArrayLength()];
        var i = 0;
        using (var labelCursor = labelIndexes.EnumerateArray())
        {
            foreach (var id in ids.EnumerateArray())
            {
                labelCursor.MoveNext();
                posts[i++] = new PostTruth(id.GetString()!, labels[labelCursor.Current.GetInt32()]);
            }
        }

        var accountsElement = root.GetProperty("accounts");
        var accountIds = accountsElement.GetProperty("id").EnumerateArray().Select(e => e.GetString()!).ToArray();
        var bots = accountsElement.GetProperty("bot").EnumerateArray().Select(e => e.GetInt32() == 1).ToArray();
        var clusterOf = accountsElement.GetProperty("cluster").EnumerateArray()
            .Select(e => e.ValueKind == JsonValueKind.Null ? (int?)null : e.GetInt32()).ToArray();
        if (bots.Length != accountIds.Length || clusterOf.Length != accountIds.Length)
            throw new FormatException("accounts.id, accounts.bot and accounts.cluster differ in length.");
        var clusters = root.GetProperty("clusters").EnumerateArray().Select(c => new ClusterTruth(
            c.GetProperty("id").GetInt32(),
            Kebab.Parse<ClusterKind>(c.GetProperty("kind").GetString()!, "truth.json clusters", 0),
            c.GetProperty("members").EnumerateArray().Select(m => m.GetString()!).ToArray())).ToArray();
        // The per-account kind column repeats the clusters list for readers of the raw file; the list is authoritative.
        var kinds = clusters.ToDictionary(c => c.Id, c => c.Kind);
        var accounts = new AccountTruth[accountIds.Length];
        for (var a = 0; a < accounts.Length; a++)
        {
            accounts[a] = new AccountTruth(accountIds[a], bots[a], clusterOf[a],
                clusterOf[a] is { } cluster ? kinds[cluster] : null);
        }

        var weeks = root.GetProperty("weekly").EnumerateArray().Select(w => new WeeklyPrevalence(
            DateOnly.ParseExact(w.GetProperty("week_start").GetString()!, "yyyy-MM-dd"),
            w.GetProperty("posts").GetInt64(), w.GetProperty("hateful_posts").GetInt64(),
            w.GetProperty("antisemitic_posts").GetInt64(), w.GetProperty("views").GetInt64(),
            w.GetProperty("hateful_views").GetInt64(), w.GetProperty("antisemitic_views").GetInt64())).ToArray();

        return new SimulationTruth
        {
            Options = ReadOptions(root.GetProperty("options"), root.GetProperty("seed").GetInt32()),
            TaxonomyVersion = root.GetProperty("taxonomy_version").GetString()!,
            Posts = posts,
            Accounts = accounts,
            Clusters = clusters,
            Weeks = weeks,
        };
    }

    private void WriteOptions(Utf8JsonWriter json)
    {
        json.WriteStartObject("options");
        json.WriteNumber("accounts", Options.Accounts);
        json.WriteNumber("days", Options.Days);
        json.WriteString("start", Options.Start.ToString("yyyy-MM-dd"));
        json.WriteString("rise_date", Options.EffectiveRiseDate.ToString("yyyy-MM-dd"));
        json.WriteNumber("rise_factor", Options.RiseFactor);
        json.WriteNumber("base_hateful_rate", Options.BaseHatefulRate);
        json.WriteNumber("bot_share", Options.BotShare);
        json.WriteNumber("clusters", Options.EffectiveClusters);
        if (Options.TextsPath is { } texts) json.WriteString("texts", texts);
        else json.WriteNull("texts");
        json.WriteEndObject();
    }

    private static SimulationOptions ReadOptions(JsonElement o, int seed) => new()
    {
        Seed = seed,
        Accounts = o.GetProperty("accounts").GetInt32(),
        Days = o.GetProperty("days").GetInt32(),
        Start = DateOnly.ParseExact(o.GetProperty("start").GetString()!, "yyyy-MM-dd"),
        RiseDate = DateOnly.ParseExact(o.GetProperty("rise_date").GetString()!, "yyyy-MM-dd"),
        RiseFactor = o.GetProperty("rise_factor").GetDouble(),
        BaseHatefulRate = o.GetProperty("base_hateful_rate").GetDouble(),
        BotShare = o.GetProperty("bot_share").GetDouble(),
        Clusters = o.GetProperty("clusters").GetInt32(),
        TextsPath = o.GetProperty("texts").GetString(),
    };

    private static void WriteLabel(Utf8JsonWriter json, ContentLabel label)
    {
        json.WriteStartObject();
        json.WriteString("target", Kebab.From(label.Target));
        json.WriteString("code", Kebab.From(label.Code));
        json.WriteString("consensus", Kebab.From(label.Consensus));
        json.WriteString("explicitness", Kebab.From(label.Explicitness));
        json.WriteBoolean("hateful", label.IsHateful);
        json.WriteBoolean("antisemitic", label.IsAntisemitic);
        json.WriteEndObject();
    }

    private static ContentLabel ReadLabel(JsonElement e) => new(
        Kebab.Parse<Target>(e.GetProperty("target").GetString()!, "truth.json labels", 0),
        Kebab.Parse<ContentCode>(e.GetProperty("code").GetString()!, "truth.json labels", 0),
        Kebab.Parse<ConsensusClass>(e.GetProperty("consensus").GetString()!, "truth.json labels", 0),
        Kebab.Parse<Explicitness>(e.GetProperty("explicitness").GetString()!, "truth.json labels", 0));

    private static void WriteWeek(Utf8JsonWriter json, WeeklyPrevalence week)
    {
        json.WriteStartObject();
        json.WriteString("week_start", week.WeekStart.ToString("yyyy-MM-dd"));
        json.WriteNumber("posts", week.Posts);
        json.WriteNumber("hateful_posts", week.HatefulPosts);
        json.WriteNumber("antisemitic_posts", week.AntisemiticPosts);
        json.WriteNumber("views", week.Views);
        json.WriteNumber("hateful_views", week.HatefulViews);
        json.WriteNumber("antisemitic_views", week.AntisemiticViews);
        json.WriteNumber("hateful_share_posts", week.HatefulShareOfPosts);
        json.WriteNumber("antisemitic_share_posts", week.AntisemiticShareOfPosts);
        json.WriteNumber("hateful_share_views", week.HatefulShareOfViews);
        json.WriteNumber("antisemitic_share_views", week.AntisemiticShareOfViews);
        json.WriteEndObject();
    }
}
