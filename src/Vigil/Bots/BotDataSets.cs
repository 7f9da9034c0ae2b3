using System.Globalization;
using System.Text;
using Vigil.Text.Csv;
using Vigil.Text;

namespace Vigil.Bots;

/// <summary>A labelled bot data set, with the lines that could not be read set aside as <c>file:line: reason</c>.</summary>
public sealed record LabelledSet(string Name, IReadOnlyList<LabelledAccount> Accounts, IReadOnlyList<string> SetAside);

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

    public static readonly IReadOnlyList<string> Names = [Caverlee, Cresci, Gilani];

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

    public static LabelledSet Load(string directory, string name) => name switch
    {
        Caverlee => LoadCaverlee(Path.Combine(directory, name)),
        Cresci => LoadCresci(Path.Combine(directory, name)),
        Gilani => LoadGilani(Path.Combine(directory, name)),
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

    // uid,NumberOfFollowers,NumberOfFollowing,NumberOfTweets,Label,Screen Name,Name
    private static LabelledSet LoadCresci(string folder)
    {
        var accounts = new List<LabelledAccount>();
        var setAside = new List<string>();
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
            }, isBot));
        });
        return new LabelledSet(Cresci, accounts, setAside);
    }

    /// <summary>
    /// Gilani et al. give no raw follower count, only the band the account was sampled from (file suffix) and the
    /// follower/friend ratio; followers are taken as the band's nominal size and following derived from the ratio, so
    /// the ratio is exact and the log counts are right to within the band. Posts are tweet_frequency × age, reading
    /// tweet_frequency as lifetime posts per day.
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
                accounts.Add(new LabelledAccount(new AccountProfile
                {
                    Id = f[0].Trim(),
                    Handle = f[0].Trim(),
                    Followers = followers,
                    Following = ratio > 0 ? followers / ratio : null,
                    Posts = perDay * age,
                    AgeDays = age,
                }, isBot));
            });
        return new LabelledSet(Gilani, accounts, setAside);
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

    private static DateTimeOffset Time(string text) =>
        DateTimeOffset.TryParseExact(text.Trim(), "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal, out var value)
            ? value
            : throw new FormatException($"'{text.Trim()}' is not a time (yyyy-MM-dd HH:mm:ss)");
}
