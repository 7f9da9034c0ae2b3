using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Vigil.Text.Csv;
using Vigil.Text;

namespace Vigil.Bots;

/// <summary>A labelled bot data set, with the lines that could not be read set aside as <c>file:line: reason</c>.</summary>
public sealed record LabelledSet(string Name, IReadOnlyList<LabelledAccount> Accounts, IReadOnlyList<string> SetAside)
{
    public BotSetRole Role { get; init; } = BotSetRole.Training;

    /// <summary>Features read as missing in this set (they add nothing): those its labels leak through (<see cref="BotDataSets.TrainOn"/>).</summary>
    public IReadOnlyList<BotFeature> Withheld { get; init; } = [];
}

/// <summary>What a research set may be used for (its row in data/README.md says why).</summary>
public enum BotSetRole
{
    /// <summary>Trained on, and held out in turn.</summary>
    Training,
    /// <summary>Never trained on: its labels are shortcut-prone, so it only tests a model trained elsewhere.</summary>
    CrossSetTest,
    /// <summary>Too small or hand-picked for reported numbers: shows that a platform's input reads and scores sensibly.</summary>
    SmokeTest,
}

/// <summary>
/// Readers for the research bot sets under <c>../shared/data/bots</c>. Each maps its own columns onto
/// <see cref="AccountProfile"/> and leaves the rest null; none of the values they derive encodes when the set was
/// collected (no absolute dates), because that would let a model recognise the data set instead of the bot.
/// </summary>
public static class BotDataSets
{
    public const string Caverlee = "caverlee2011";
    public const string Cresci = "cresci2015";
    public const string Gilani = "gilani2017";
    public const string RtBust = "rtbust2019";
    public const string Jubins = "jubins2017";
    public const string Bluesky = "bluesky-parmar2025";

    internal static readonly IReadOnlyList<string> Names = [Caverlee, Cresci, Gilani, RtBust, Jubins, Bluesky];

    /// <summary>
    /// jubins2017's labels leak through these: its bots declare themselves in the handle, name and description
    /// (<c>*_bot</c>, "a bot by @…") and its people are verified celebrities. Trained on only without them.
    /// </summary>
    internal static readonly IReadOnlyList<BotFeature> JubinsShortcuts =
    [
        BotFeature.HandleLength, BotFeature.HandleDigits, BotFeature.HandleDigitRun, BotFeature.DisplayNameLength,
        BotFeature.NameIsHandle, BotFeature.DescriptionLength, BotFeature.DescriptionHasLink, BotFeature.Verified,
        BotFeature.PaidTier,
    ];

    /// <summary>
    /// The sets with <paramref name="names"/> as the training sets and every other former training set as a cross-set
    /// test (an evaluation experiment: <c>bots eval --train-on</c>). jubins2017 is trained on without its
    /// <see cref="JubinsShortcuts"/>; the smoke-test set stays one.
    /// </summary>
    public static IReadOnlyList<LabelledSet> TrainOn(IReadOnlyList<LabelledSet> sets, IReadOnlyCollection<string> names)
    {
        foreach (var name in names)
            if (!sets.Any(s => s.Name == name))
                throw new ArgumentException($"--train-on: no loaded set '{name}' (loaded: {string.Join(", ", sets.Select(s => s.Name))})");
        return sets.Select(set => names.Contains(set.Name)
            ? set.Role == BotSetRole.SmokeTest
                ? throw new ArgumentException($"--train-on: {set.Name} is a smoke test, too small and hand-picked to train on")
                : set with { Role = BotSetRole.Training, Withheld = set.Name == Jubins ? JubinsShortcuts : [] }
            : set.Role == BotSetRole.Training ? set with { Role = BotSetRole.CrossSetTest } : set).ToArray();
    }

    /// <summary>Loads every known set found under <paramref name="directory"/>; throws when none is there.</summary>
    public static IReadOnlyList<LabelledSet> LoadAll(string directory)
    {
        if (!Directory.Exists(directory))
            throw new DirectoryNotFoundException(
                $"bot data directory '{directory}' not found: training needs the research sets (see data/README.md); " +
                "scoring uses the shipped model and does not");
        var sets = new List<LabelledSet>();
        foreach (var name in Names)
            if (Directory.Exists(Path.Combine(directory, name))) sets.Add(Load(directory, name));
        if (sets.Count == 0) throw new DirectoryNotFoundException($"no known bot data set ({string.Join(", ", Names)}) under '{directory}'");
        return sets;
    }

    internal static LabelledSet Load(string directory, string name) => name switch
    {
        Caverlee => LoadCaverlee(Path.Combine(directory, name)),
        Cresci => LoadCresci(Path.Combine(directory, name)),
        Gilani => LoadGilani(Path.Combine(directory, name)),
        RtBust => LoadRtBust(Path.Combine(directory, name)),
        Jubins => LoadJubins(Path.Combine(directory, name)) with { Role = BotSetRole.CrossSetTest },
        Bluesky => LoadBluesky(Path.Combine(directory, name)) with { Role = BotSetRole.SmokeTest },
        _ => throw new ArgumentException($"unknown bot data set '{name}'", nameof(name)),
    };

    // UserID,CreatedAt,CollectedAt,NumerOfFollowings,NumberOfFollowers,NumberOfTweets,LengthOfScreenName,LengthOfDescriptionInUserProfile
    private static LabelledSet LoadCaverlee(string folder)
    {
        var accounts = new List<LabelledAccount>();
        var setAside = new List<string>();
        foreach (var (file, isBot) in new[] { ("content_polluters.csv", true), ("legitimate_users.csv", false) })
            ReadCsv(Path.Combine(folder, file), 8, setAside, f =>
            {
                var created = Time(f[1]);
                var collected = Time(f[2]);
                accounts.Add(new LabelledAccount(new AccountProfile
                {
                    Id = f[0],
                    Following = Number(f[3]),
                    Followers = Number(f[4]),
                    Posts = Number(f[5]),
                    HandleLength = (int)Number(f[6]),
                    DescriptionLength = (int)Number(f[7]),
                    AgeDays = Math.Max(0, (collected - created).TotalDays),
                }, isBot));
            });
        return new LabelledSet(Caverlee, accounts, setAside);
    }

    // uid,NumberOfFollowers,NumberOfFollowing,NumberOfTweets,Label,Screen Name,Name; behaviour from the monthly counts.
    private static LabelledSet LoadCresci(string folder)
    {
        var accounts = new List<LabelledAccount>();
        var setAside = new List<string>();
        var behaviour = CresciBehaviour(Path.Combine(folder, "Dataset1_Freq_tweets.csv"), setAside);
        ReadCsv(Path.Combine(folder, "count_master_ds1.csv"), 7, setAside, f =>
        {
            var isBot = f[4] switch
            {
                "Content Polluter" => true,
                "Legitimate User" => false,
                _ => throw new FormatException($"unknown label '{f[4]}'"),
            };
            accounts.Add(new LabelledAccount(new AccountProfile
            {
                Id = f[0],
                Followers = Number(f[1]),
                Following = Number(f[2]),
                Posts = Number(f[3]),
                Handle = f[5],
                DisplayName = f[6],
            }, isBot, behaviour.GetValueOrDefault(f[0])));
        });
        return new LabelledSet(Cresci, accounts, setAside);
    }

    /// <summary>
    /// UserID,Year,Month,Tweet,Label,Typo: posts per month by kind (Tweet, Reply, Retweet), summed into the shares of
    /// reposts and replies, the two behaviour features a count of kinds can give.
    /// </summary>
    private static Dictionary<string, PostingBehaviour> CresciBehaviour(string path, List<string> setAside)
    {
        var counts = new Dictionary<string, (double Posts, double Reposts, double Replies)>(StringComparer.Ordinal);
        ReadCsv(path, 6, setAside, f =>
        {
            var n = Number(f[3]);
            var (posts, reposts, replies) = counts.GetValueOrDefault(f[0]);
            counts[f[0]] = f[5] switch
            {
                "Tweet" => (posts + n, reposts, replies),
                "Retweet" => (posts + n, reposts + n, replies),
                "Reply" => (posts + n, reposts, replies + n),
                var other => throw new FormatException($"unknown kind '{other}'"),
            };
        });
        return counts.Where(c => c.Value.Posts > 0).ToDictionary(c => c.Key, c => Shares(c.Value.Posts, c.Value.Reposts, c.Value.Replies), StringComparer.Ordinal);
    }

    private static PostingBehaviour Shares(double posts, double reposts, double replies) =>
        new() { RepostShare = reposts / posts, ReplyShare = replies / posts };

    /// <summary>
    /// Gilani et al. give no raw follower count, only the band the account was sampled from (file suffix) and the
    /// follower/friend ratio; followers are taken as the band's nominal size and following derived from the ratio, so
    /// the ratio is exact and the log counts are right to within the band. Posts are tweet_frequency × age, reading
    /// tweet_frequency as lifetime posts per day. Lists are lists_per_user × followers; the repost and reply shares
    /// come from the counts of tweets, retweets and replies in the crawl.
    /// </summary>
    private static LabelledSet LoadGilani(string folder)
    {
        var accounts = new List<LabelledAccount>();
        var setAside = new List<string>();
        foreach (var (band, followers) in new[] { ("1k", 1e3), ("100k", 1e5), ("1M", 1e6), ("10M", 1e7) })
        foreach (var (kind, isBot) in new[] { ("bots", true), ("humans", false) })
            ReadCsv(Path.Combine(folder, $"{kind}.{band}.csv"), 16, setAside, f =>
            {
                var ratio = Number(f[8]);
                var perDay = Number(f[9]);
                var age = Number(f[11]);
                double tweeted = Number(f[1]), retweeted = Number(f[2]), replied = Number(f[4]);
                var posts = tweeted + retweeted + replied;
                accounts.Add(new LabelledAccount(new AccountProfile
                {
                    Id = f[0].Trim(),
                    Handle = f[0].Trim(),
                    Followers = followers,
                    Following = ratio > 0 ? followers / ratio : null,
                    Posts = perDay * age,
                    AgeDays = age,
                    Listed = Number(f[7]) * followers,
                }, isBot, posts > 0 ? Shares(posts, retweeted, replied) : null));
            });
        return new LabelledSet(Gilani, accounts, setAside);
    }

    // user_id,label,screen_name,name,description,location,url,lang,created_at,followers_count,friends_count,
    // statuses_count,favourites_count,listed_count,verified,protected,default_profile,default_profile_image,geo_enabled,
    // record_created_at. The record's own time is when the counts were taken.
    private static LabelledSet LoadRtBust(string folder)
    {
        var accounts = new List<LabelledAccount>();
        var setAside = new List<string>();
        ReadCsv(Path.Combine(folder, "rtbust2019_users.csv"), 20, setAside, f =>
        {
            var isBot = f[1] switch
            {
                "bot" => true,
                "human" => false,
                _ => throw new FormatException($"unknown label '{f[1]}'"),
            };
            accounts.Add(new LabelledAccount(new AccountProfile
            {
                Id = f[0],
                Handle = f[2],
                DisplayName = f[3],
                Description = f[4],
                AgeDays = Math.Max(0, (TwitterTime(f[19]) - TwitterTime(f[8])).TotalDays),
                Followers = Number(f[9]),
                Following = Number(f[10]),
                Posts = Number(f[11]),
                Listed = Number(f[13]),
                Verified = Flag(f[14]),
                DefaultProfile = Flag(f[16]),
                DefaultProfileImage = Flag(f[17]),
            }, isBot));
        });
        return new LabelledSet(RtBust, accounts, setAside);
    }

    /// <summary>
    /// jubins2017: not UTF-8 (stray bytes read as U+FFFD: only lengths and links are used), ids mangled by Excel (the handle is
    /// the key), five handles in both files (dropped: the labels conflict). The counts were taken when the account's
    /// last status was fetched, so age is measured to that status's time; without one, age stays unknown.
    /// </summary>
    private static LabelledSet LoadJubins(string folder)
    {
        var rows = new List<LabelledAccount>();
        var setAside = new List<string>();
        // id,id_str,screen_name,location,description,url,followers_count,friends_count,listedcount,created_at,
        // favourites_count,verified,statuses_count,lang,status,default_profile,default_profile_image,has_extended_profile,name,bot
        foreach (var (file, isBot) in new[] { ("bots_data.csv", true), ("nonbots_data.csv", false) })
            ReadCsv(Path.Combine(folder, file), 20, setAside, f =>
            {
                var created = LooseTime(f[9]);
                var observed = LastStatusTime.Match(f[14]) is { Success: true } m ? LooseTime(m.Groups[1].Value) : null;
                rows.Add(new LabelledAccount(new AccountProfile
                {
                    Id = f[2],
                    Handle = f[2],
                    DisplayName = f[18],
                    Description = f[4],
                    Followers = Number(f[6]),
                    Following = Number(f[7]),
                    Listed = Number(f[8]),
                    Posts = Number(f[12]),
                    AgeDays = created is { } c && observed is { } o ? Math.Max(0, (o - c).TotalDays) : null,
                    Verified = Flag(f[11]),
                    DefaultProfile = Flag(f[15]),
                    DefaultProfileImage = Flag(f[16]),
                }, isBot));
            });
        var conflicting = rows.GroupBy(a => a.Profile.Id, StringComparer.OrdinalIgnoreCase)
            .Where(g => g.Select(a => a.IsBot).Distinct().Count() > 1).Select(g => g.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var handle in conflicting.Order(StringComparer.Ordinal)) setAside.Add($"{folder}: '{handle}' is in both files (labels conflict)");
        return new LabelledSet(Jubins, rows.Where(a => !conflicting.Contains(a.Profile.Id)).ToArray(), setAside);
    }

    private static readonly Regex LastStatusTime = new("'created_at': '([^']+)'", RegexOptions.CultureInvariant);

    /// <summary>
    /// Parmar's Bluesky accounts (a JSON array), profile fields only: the post features are summaries of up to 100
    /// recent posts in the author's own definitions, not what <see cref="PostingBehaviour"/> computes from posts.
    /// </summary>
    private static LabelledSet LoadBluesky(string folder)
    {
        var path = Path.Combine(folder, "initial_dataset.json");
        var accounts = new List<LabelledAccount>();
        var setAside = new List<string>();
        using var stream = File.OpenRead(path);
        using var document = JsonDocument.Parse(stream);
        var index = 0;
        foreach (var row in document.RootElement.EnumerateArray())
        {
            index++;
            try
            {
                var handle = row.GetProperty("handle").GetString() ?? throw new FormatException("no handle");
                accounts.Add(new LabelledAccount(new AccountProfile
                {
                    Id = handle,
                    Handle = AccountProfile.LocalPart(handle),
                    DisplayName = row.GetProperty("display_name").GetString(),
                    Description = row.GetProperty("description").GetString(),
                    Followers = row.GetProperty("followers_count").GetDouble(),
                    Following = row.GetProperty("follows_count").GetDouble(),
                    Posts = row.GetProperty("posts_count").GetDouble(),
                    AgeDays = row.GetProperty("account_age").GetDouble(),
                    Verified = row.GetProperty("is_verified").GetBoolean(),
                }, row.GetProperty("label").GetString() switch
                {
                    "bot" => true,
                    "human" => false,
                    var other => throw new FormatException($"unknown label '{other}'"),
                }));
            }
            catch (Exception e) when (e is FormatException or InvalidOperationException or KeyNotFoundException)
            {
                setAside.Add($"{path}: account {index}: {e.Message}");
            }
        }
        return new LabelledSet(Bluesky, accounts, setAside);
    }

    private static void ReadCsv(string path, int columns, List<string> setAside, Action<List<string>> row)
    {
        if (!File.Exists(path))
        {
            setAside.Add($"{path}: file missing");
            return;
        }
        // jubins2017's files hold a few Latin-1 bytes: read as U+FFFD, as they always were, rather than refused.
        using var reader = Utf8Input.OpenDataSet(path);
        var csv = new CsvReader(reader, path);
        var fields = new List<string>(columns);
        var header = true;
        while (csv.TryRead(fields, out var line, out var error))
        {
            if (header)
            {
                header = false;
                continue;
            }
            if (error is null && fields.Count != columns) error = $"expected {columns} fields, found {fields.Count}";
            if (error is not null)
            {
                setAside.Add(csv.At(line, error));
                continue;
            }
            try
            {
                row(fields);
            }
            catch (FormatException e)
            {
                setAside.Add(csv.At(line, e.Message));
            }
        }
    }

    private static double Number(string text) =>
        double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : throw new FormatException($"'{text.Trim()}' is not a number");

    private static bool? Flag(string text) => text.Trim().ToLowerInvariant() switch
    {
        "true" or "1" => true,
        "false" or "0" => false,
        "" => null,
        var other => throw new FormatException($"'{other}' is not true or false"),
    };

    /// <summary>Twitter v1.1's <c>Fri Feb 06 22:33:59 +0000 2015</c>.</summary>
    private static DateTimeOffset TwitterTime(string text) =>
        DateTimeOffset.TryParseExact(text.Trim(), TwitterFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value)
            ? value
            : throw new FormatException($"'{text.Trim()}' is not a Twitter time (ddd MMM dd HH:mm:ss +0000 yyyy)");

    private const string TwitterFormat = "ddd MMM dd HH:mm:ss zzz yyyy";

    /// <summary>Twitter's format, or Excel's day-first rewrite of it; stray JSON quoting is ignored; null when neither.</summary>
    private static DateTimeOffset? LooseTime(string text) =>
        DateTimeOffset.TryParseExact(text.Trim().Trim('"', '\\').Trim(), [TwitterFormat, "dd/MM/yyyy HH:mm"], CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal, out var value) ? value : null;

    private static DateTimeOffset Time(string text) =>
        DateTimeOffset.TryParseExact(text.Trim(), "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal, out var value)
            ? value
            : throw new FormatException($"'{text.Trim()}' is not a time (yyyy-MM-dd HH:mm:ss)");
}
